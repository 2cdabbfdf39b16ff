package io.jenkins.plugins.awsrole.engine.revoke;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** Reads and writes the revocation policy of one role. */
final class IamOperations {

    private final IamClient iam;
    private final String roleName;

    IamOperations(IamClient iam, String roleName) {
        this.iam = iam;
        this.roleName = roleName;
    }

    /** The role's revocation policy; empty when the role has none yet. */
    RevocationPolicy read() {
        try {
            String document = iam.getRolePolicy(r -> r.roleName(roleName).policyName(RevocationPolicy.POLICY_NAME))
                    .policyDocument();
            return RevocationPolicy.fromIam(document);
        } catch (NoSuchEntityException e) {
            if (isMissingPolicy(e)) {
                return RevocationPolicy.empty();
            }
            throw e;
        }
    }

    /** Replaces the role's revocation policy. */
    void write(RevocationPolicy policy) {
        iam.putRolePolicy(r ->
                r.roleName(roleName).policyName(RevocationPolicy.POLICY_NAME).policyDocument(policy.toJson()));
    }

    /**
     * IAM answers {@code NoSuchEntity} both for a missing role and a missing policy; only the policy case means "no
     * revocations yet". IAM's messages name which ("The role policy with name ... cannot be found." versus "The role
     * with name ... cannot be found.").
     */
    private static boolean isMissingPolicy(NoSuchEntityException e) {
        String message =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return message == null || message.contains("policy") || message.contains(RevocationPolicy.POLICY_NAME);
    }
}
