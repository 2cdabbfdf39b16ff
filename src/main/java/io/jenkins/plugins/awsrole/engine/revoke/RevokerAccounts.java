package io.jenkins.plugins.awsrole.engine.revoke;

import io.jenkins.plugins.awsrole.engine.trust.IamArn;

/**
 * Which revoker role writes the Deny for a session of a given role. IAM acts only within the account of the session
 * that signs the call, so the configured revoker role can only revoke sessions of its own account. For a role of
 * another account (a chained role), the revoker assumes, by role chaining, the role of the same path and name in that
 * account: the convention AWS itself uses for roles deployed to every account of an organization.
 */
public final class RevokerAccounts {

    private RevokerAccounts() {}

    /**
     * The revoker role for sessions of {@code sessionRoleArn}: {@code null} when it is in the revoker role's own
     * account (the revoker role itself acts), else the revoker role's path and name in that role's account.
     *
     * @throws IllegalArgumentException when either ARN is not a role ARN
     */
    public static String revokerRoleFor(String revokerRoleArn, String sessionRoleArn) {
        IamArn revoker = IamArn.parseRole(revokerRoleArn);
        IamArn target = IamArn.parseRole(sessionRoleArn);
        if (revoker.account().equals(target.account()) && revoker.partition() == target.partition()) {
            return null;
        }
        return new IamArn(target.partition(), target.account(), revoker.type(), revoker.path(), revoker.name()).arn();
    }
}
