package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.io.Serializable;
import java.time.Instant;

/**
 * What the end of a block needs to know about its session to revoke it and record that: no secret, only names, the
 * session's {@code aws:userid} and its expiry. Kept by the block (in {@code program.dat}) and by the freestyle
 * disposer, so that a revocation still works after a controller restart inside the block.
 *
 * @param job the job's full name
 * @param build the build number
 * @param stage the stage the block asked for
 * @param roleArn the mapping's role
 * @param sessionName the role session name
 * @param assumedRoleId the session's {@code aws:userid}, {@code <role id>:<session name>}
 * @param expiration when the credentials expire
 * @param issuedAt when AWS issued the session, which bounds its revocation so that it never reaches a later session
 *     of the same name; {@code null} in a block stored by an earlier version of the plugin
 * @param revocation whether the granting mapping has revocation on
 * @param webIdentity when the mapping chains roles, the first session (of the mapping's role) that assumed this one;
 *     revoked with it. {@code null} otherwise, and in a block stored by an earlier version of the plugin.
 */
record BlockSession(
        String job,
        long build,
        String stage,
        String roleArn,
        String sessionName,
        String assumedRoleId,
        Instant expiration,
        @CheckForNull Instant issuedAt,
        boolean revocation,
        @CheckForNull BlockSession webIdentity)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    static BlockSession of(BuildIdentity identity, String stage, GrantedSession granted) {
        BlockSession first = granted.chained()
                ? of(identity, stage, granted.mapping().roleArn(), granted.webIdentitySession(), granted, null)
                : null;
        return of(identity, stage, granted.roleArn(), granted.session(), granted, first);
    }

    private static BlockSession of(
            BuildIdentity identity,
            String stage,
            String roleArn,
            RoleSession session,
            GrantedSession granted,
            @CheckForNull BlockSession webIdentity) {
        return new BlockSession(
                identity.jobFullName(),
                identity.buildNumber(),
                stage,
                roleArn,
                session.sessionName(),
                session.assumedRoleId(),
                session.expiration(),
                session.issuedAt(),
                granted.mapping().revocation(),
                webIdentity);
    }
}
