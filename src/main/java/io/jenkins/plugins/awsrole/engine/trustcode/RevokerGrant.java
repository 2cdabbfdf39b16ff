package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.revoke.RevokerPolicies;
import io.jenkins.plugins.awsrole.engine.trust.IamArn;
import java.util.List;

/**
 * What the plugin's revoker role may do: read and write the inline policy that denies ended sessions, on the roles of
 * the mappings that turn revocation on, and nothing else (exactly what {@link RevokerPolicies} requires).
 *
 * @param revoker the revoker role
 * @param targets the roles whose sessions it may revoke, sorted by ARN
 */
public record RevokerGrant(IamArn revoker, List<IamArn> targets) {

    /** The inline policy name the exports give the revoker's permissions. */
    public static final String POLICY_NAME = "AwsOidcRoleRevoker";

    /** The IAM actions revocation needs: one list for the revoker and the exports, so the two cannot drift apart. */
    public static final List<String> ACTIONS = RevokerPolicies.REQUIRED_ACTIONS;

    public RevokerGrant {
        targets = List.copyOf(targets);
    }
}
