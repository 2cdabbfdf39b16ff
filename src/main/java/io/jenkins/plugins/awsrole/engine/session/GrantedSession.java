package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;

/**
 * A role session granted to a block, with what the block's environment and clean-up need to know.
 *
 * @param session the credentials the block gets and their expiry (secrets never shown by {@code toString()}): the
 *     chained role's session when the mapping chains roles
 * @param mapping the trust mapping that granted it
 * @param region the region for {@code AWS_REGION}, or {@code null} when none is configured
 * @param webIdentitySession when the mapping chains roles, the first session, of the mapping's role, that assumed the
 *     chained role; the block never sees its credentials, but it is revoked with the block's. {@code null} otherwise.
 */
public record GrantedSession(RoleSession session, TrustMapping mapping, String region, RoleSession webIdentitySession) {

    /** A session obtained without role chaining. */
    public GrantedSession(RoleSession session, TrustMapping mapping, String region) {
        this(session, mapping, region, null);
    }

    /** Whether the block's session was obtained by role chaining. */
    public boolean chained() {
        return webIdentitySession != null;
    }

    /** The role of {@link #session()}: the chained role when there is one. */
    public String roleArn() {
        return chained() ? mapping.chainedRoleArn() : mapping.roleArn();
    }
}
