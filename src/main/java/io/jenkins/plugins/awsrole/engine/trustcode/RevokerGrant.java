package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.trust.IamArn;
import java.util.List;

/**
 * What the plugin's revoker role may do: write, read and delete the inline policy that denies ended sessions, on the
 * roles of the mappings that turn revocation on, and nothing else.
 *
 * @param revoker the revoker role
 * @param targets the roles whose sessions it may revoke, sorted by ARN
 */
public record RevokerGrant(IamArn revoker, List<IamArn> targets) {

    /** The inline policy name the exports give the revoker's permissions. */
    public static final String POLICY_NAME = "AwsOidcRoleRevoker";

    /** The IAM actions revocation needs (GetRole for the role id in {@code aws:userid}), sorted. */
    public static final List<String> ACTIONS = List.of(
            "iam:DeleteRolePolicy", "iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:PutRolePolicy");

    public RevokerGrant {
        targets = List.copyOf(targets);
    }
}
