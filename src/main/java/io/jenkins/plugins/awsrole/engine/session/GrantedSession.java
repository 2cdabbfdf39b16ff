package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;

/**
 * A role session granted to a block, with what the block's environment and clean-up need to know.
 *
 * @param session the credentials and their expiry (secrets never shown by {@code toString()})
 * @param mapping the trust mapping that granted it
 * @param region the region for {@code AWS_REGION}, or {@code null} when none is configured
 */
public record GrantedSession(RoleSession session, TrustMapping mapping, String region) {}
