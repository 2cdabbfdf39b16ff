package io.jenkins.plugins.awsrole.engine.trust;

import java.util.List;

/**
 * The text a folder's mappings are sealed over (the Jenkins layer MACs it with a controller secret): the folder's full
 * name and every field of every mapping, in order.
 *
 * <p>Built from {@link TrustMapping}, the values a decision uses, not from the XML the mappings are stored in: the XML
 * changes with things that grant nothing (XStream's version, the order of elements, a field a later plugin version adds
 * with its default), which would break every seal on an upgrade, while a change of any value a decision reads changes
 * this text. Each value is written with its length in front, and a missing value differently from an empty one, so no
 * value can pass for a field boundary: two different sets of mappings never give the same text. The version in the
 * first line lets a later format refuse old seals on purpose instead of by accident.
 */
public final class FolderSealText {

    private static final String FORMAT = "aws-oidc-role folder mappings seal v1";

    private FolderSealText() {}

    /**
     * The text for these mappings in this folder. The mappings' own {@link TrustMapping#folder()} is not used: the
     * folder's name is given, so that the same mappings in another folder (a copy, a move) give another text.
     */
    public static String of(String folderFullName, List<TrustMapping> mappings) {
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        value(text, "folder", folderFullName);
        text.append("mappings=").append(mappings.size()).append('\n');
        for (TrustMapping m : mappings) {
            value(text, "stage", m.stage());
            value(text, "roleArn", m.roleArn());
            value(text, "region", m.region());
            value(text, "sessionDurationSeconds", Integer.toString(m.sessionDurationSeconds()));
            value(text, "sessionPolicy", m.sessionPolicy());
            list(text, "managedPolicyArns", m.managedPolicyArns());
            value(text, "audience", m.audience());
            list(text, "jobs", m.jobs());
            list(text, "branches", m.branches());
            list(text, "tags", m.tags());
            value(text, "changeRequestsAllowed", Boolean.toString(m.changeRequestsAllowed()));
            value(text, "forkChangeRequestsAllowed", Boolean.toString(m.forkChangeRequestsAllowed()));
            value(text, "replaysAllowed", Boolean.toString(m.replaysAllowed()));
            value(text, "sessionTags", Boolean.toString(m.sessionTags()));
            value(text, "sourceIdentity", Boolean.toString(m.sourceIdentity()));
            value(text, "revocation", Boolean.toString(m.revocation()));
            value(text, "maskAccountId", Boolean.toString(m.maskAccountId()));
            list(text, "staticSessionTags", m.staticSessionTags());
            list(text, "transitiveTagKeys", m.transitiveTagKeys());
            value(text, "chainedRoleArn", m.chainedRoleArn());
        }
        return text.toString();
    }

    private static void value(StringBuilder text, String name, String value) {
        text.append(name).append('=');
        if (value == null) {
            text.append('-');
        } else {
            text.append(value.length()).append(':').append(value);
        }
        text.append('\n');
    }

    private static void list(StringBuilder text, String name, List<String> values) {
        text.append(name).append('=').append(values.size()).append('\n');
        for (String value : values) {
            value(text, "-", value);
        }
    }
}
