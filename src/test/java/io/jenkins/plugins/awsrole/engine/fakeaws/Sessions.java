package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.util.LinkedHashMap;
import java.util.Map;

/** The policy context of an issued session ({@code aws:userid}, {@code aws:TokenIssueTime}, ...) and denial wording. */
final class Sessions {

    private Sessions() {}

    static Map<String, String> context(IssuedSession session) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("aws:userid", session.assumedRoleId());
        context.put("aws:TokenIssueTime", Xml.time(session.issuedAt()));
        context.put("aws:PrincipalArn", session.role().arn());
        if (session.sourceIdentity() != null) {
            context.put("aws:SourceIdentity", session.sourceIdentity());
        }
        session.principalTags().forEach((k, v) -> context.put("aws:PrincipalTag/" + k, v));
        return context;
    }

    /** AWS's two wordings: an explicit deny, or no allow. */
    static String denial(IssuedSession session, String action, String resource, boolean explicitDeny) {
        String head = "User: " + session.assumedRoleArn() + " is not authorized to perform: " + action
                + " on resource: " + resource;
        return explicitDeny
                ? head + " with an explicit deny in an identity-based policy"
                : head + " because no identity-based policy allows the " + action + " action";
    }
}
