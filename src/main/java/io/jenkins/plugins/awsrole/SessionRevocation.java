package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.revoke.RevocationResult;
import io.jenkins.plugins.awsrole.engine.revoke.Revoker;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Revokes a block's session when the block ends, for mappings with revocation on; with role chaining, both sessions,
 * each on its own role (in its own account). Never throws: it says in the build
 * log and the audit trail what became of the session, tells the administrative monitor when the session was not
 * revoked (or only by the role-wide cut-off), and returns whether the session was left live, so that the caller can
 * fail the build when the administrator asks for that ("Fail the build when revocation fails").
 */
final class SessionRevocation {

    private SessionRevocation() {}

    /**
     * Revokes the session if its mapping asks for it, and says in the log what became of it.
     *
     * @param service where the revoker, the audit trail, the monitor's problems and the setting are
     * @param session the block's session; nothing happens when its mapping has revocation off
     * @param log the build log
     * @return {@code true} when the mapping asks for revocation and the session is still usable at AWS (the revocation
     *     failed, or no revocation role is configured); {@code false} when it is revoked, expired, or not to be revoked
     */
    static boolean atEnd(AwsRoleService service, BlockSession session, PrintStream log) {
        boolean leftLive = revoke(service, session, log);
        BlockSession first = session.webIdentity();
        if (first != null) {
            // Role chaining: the first session assumed the block's; a Deny on one does not reach the other.
            leftLive |= revoke(service, first, log);
        }
        return leftLive;
    }

    private static boolean revoke(AwsRoleService service, BlockSession session, PrintStream log) {
        if (!session.revocation()) {
            return false;
        }
        Revoker revoker;
        try {
            revoker = service.revoker(session.roleArn());
        } catch (RuntimeException e) {
            return record(service, session, failed(session, e), log);
        }
        if (revoker == null) {
            String message = Messages.Revocation_NotConfigured(
                    session.sessionName(), session.stage(), AwsEnvironment.formatExpiration(session.expiration()));
            log.println(message);
            service.revocationProblems()
                    .record(new RevocationProblems.Problem(
                            Instant.now(), RevocationProblems.Kind.NOT_CONFIGURED, session, message));
            return true;
        }
        RevocationResult result;
        try {
            result = revoker.revoke(
                    session.roleArn(), session.assumedRoleId(), session.issuedAt(), session.expiration());
        } catch (RuntimeException e) {
            // The revoker promises values for AWS failures; anything else (a bug, no issuer URL) is a failure too.
            result = failed(session, e);
        }
        return record(service, session, result, log);
    }

    private static RevocationResult failed(BlockSession session, RuntimeException e) {
        return new RevocationResult(
                RevocationResult.Status.FAILED,
                session.roleArn(),
                session.assumedRoleId(),
                session.expiration(),
                0,
                "Cannot revoke the session: " + e.getMessage());
    }

    /** Logs, audits and, unless plainly revoked, tells the monitor; returns whether the session was left live. */
    private static boolean record(
            AwsRoleService service, BlockSession session, RevocationResult result, PrintStream log) {
        boolean failBuild = service.failOnRevocationFailure();
        switch (result.status()) {
            case REVOKED, ALREADY_EXPIRED -> log.println(Messages.Revocation_Done(session.stage(), result.message()));
            case REVOKED_ROLE_WIDE -> log.println(Messages.Revocation_RoleWide(session.stage(), result.message()));
            case FAILED ->
                log.println(
                        failBuild
                                ? Messages.Revocation_FailedFailsBuild(session.stage(), result.message())
                                : Messages.Revocation_Failed(session.stage(), result.message()));
        }
        service.audit().record(SessionAudit.revocation(session, result));
        if (result.status() == RevocationResult.Status.FAILED
                || result.status() == RevocationResult.Status.REVOKED_ROLE_WIDE) {
            service.revocationProblems()
                    .record(new RevocationProblems.Problem(
                            Instant.now(),
                            result.isDone() ? RevocationProblems.Kind.ROLE_WIDE : RevocationProblems.Kind.FAILED,
                            session,
                            result.message()));
        }
        return !result.isDone();
    }
}
