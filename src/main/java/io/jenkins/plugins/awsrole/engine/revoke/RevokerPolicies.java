package io.jenkins.plugins.awsrole.engine.revoke;

import io.jenkins.plugins.awsrole.engine.trust.IamArn;
import java.util.List;
import java.util.Objects;

/**
 * The IAM policies of the revoker role, as text an administrator pastes into IAM (and the documentation shows).
 *
 * <p>The revoker needs exactly two actions on each target role: {@code iam:GetRolePolicy} to read the revocation
 * policy and {@code iam:PutRolePolicy} to write it. Nothing else: it never lists, deletes or attaches.
 */
public final class RevokerPolicies {

    /** The {@code sub} of the controller's own token when it assumes the revoker role. */
    public static final String DEFAULT_SUBJECT = "jenkins:controller:revoker";

    /** The IAM actions the revoker role must be allowed on every role whose sessions it revokes. */
    public static final List<String> REQUIRED_ACTIONS = List.of("iam:GetRolePolicy", "iam:PutRolePolicy");

    private RevokerPolicies() {}

    /**
     * The revoker role's permissions policy.
     *
     * @param targetRoleArns the roles whose sessions it may revoke (the roles of mappings with revocation on); a
     *     pattern such as {@code arn:aws:iam::123456789012:role/jenkins-*} is allowed
     * @throws IllegalArgumentException when the list is empty
     */
    public static String permissionsPolicy(List<String> targetRoleArns) {
        if (targetRoleArns.isEmpty()) {
            throw new IllegalArgumentException("Name at least one target role.");
        }
        StringBuilder resources = new StringBuilder();
        for (String arn : targetRoleArns) {
            Objects.requireNonNull(arn, "role ARN");
            if (arn.indexOf('"') >= 0 || arn.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("'" + arn + "' is not a role ARN.");
            }
            resources
                    .append(resources.isEmpty() ? "" : ",\n")
                    .append("        \"")
                    .append(arn)
                    .append('"');
        }
        return "{\n" + "  \"Version\": \"2012-10-17\",\n" + "  \"Statement\": [\n" + "    {\n"
                + "      \"Sid\": \"ReadAndWriteTheRevocationPolicy\",\n" + "      \"Effect\": \"Allow\",\n"
                + "      \"Action\": [\"iam:GetRolePolicy\", \"iam:PutRolePolicy\"],\n" + "      \"Resource\": [\n"
                + resources + "\n      ]\n" + "    }\n" + "  ]\n" + "}\n";
    }

    /**
     * The revoker role's trust policy: only tokens of this issuer with this audience and subject.
     *
     * @param providerArn the IAM OIDC provider of the Jenkins issuer, {@code arn:aws:iam::<account>:oidc-provider/<host/path>}
     * @param audience the audience of the controller's token, normally {@code sts.amazonaws.com}
     * @param subject the controller's {@code sub}, normally {@value #DEFAULT_SUBJECT}
     * @throws IllegalArgumentException when {@code providerArn} is not an OIDC provider ARN
     */
    public static String trustPolicy(String providerArn, String audience, String subject) {
        int at = providerArn.indexOf(":oidc-provider/");
        if (!providerArn.startsWith("arn:") || at < 0) {
            throw new IllegalArgumentException("'" + providerArn + "' is not an IAM OIDC provider ARN"
                    + " (arn:aws:iam::<account>:oidc-provider/<issuer host and path>).");
        }
        String prefix = providerArn.substring(at + ":oidc-provider/".length());
        return "{\n" + "  \"Version\": \"2012-10-17\",\n" + "  \"Statement\": [\n" + "    {\n"
                + "      \"Effect\": \"Allow\",\n" + "      \"Principal\": {\"Federated\": \"" + providerArn + "\"},\n"
                + "      \"Action\": \"sts:AssumeRoleWithWebIdentity\",\n" + "      \"Condition\": {\n"
                + "        \"StringEquals\": {\n" + "          \"" + prefix + ":aud\": \"" + audience + "\",\n"
                + "          \"" + prefix + ":sub\": \"" + subject + "\"\n" + "        }\n" + "      }\n" + "    }\n"
                + "  ]\n" + "}\n";
    }

    /** The role name in a role ARN (paths dropped: IAM's role APIs take the bare name). */
    static String roleName(String roleArn) {
        return IamArn.parseRole(roleArn).name();
    }
}
