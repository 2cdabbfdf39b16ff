package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.revoke.RevocationResult;
import io.jenkins.plugins.awsrole.engine.revoke.Revoker;
import java.io.PrintStream;

/**
 * Revokes a block's session when the block ends, for mappings with revocation on. Never throws: a revocation that
 * failed must not fail a block or build that succeeded, so it becomes one line in the build log and an audit event.
 */
final class SessionRevocation {

    private SessionRevocation() {}

    /**
     * Revokes the session if its mapping asks for it, and says in the log what became of it.
     *
     * @param service where the revoker and the audit trail are
     * @param session the block's session; nothing happens when its mapping has revocation off
     * @param log the build log
     */
    static void atEnd(AwsRoleService service, BlockSession session, PrintStream log) {
        if (!session.revocation()) {
            return;
        }
        Revoker revoker;
        try {
            revoker = service.revoker();
        } catch (RuntimeException e) {
            record(service, session, failed(session, e), log);
            return;
        }
        if (revoker == null) {
            log.println(Messages.Revocation_NotConfigured(
                    session.sessionName(), session.stage(), AwsEnvironment.formatExpiration(session.expiration())));
            return;
        }
        RevocationResult result;
        try {
            result = revoker.revoke(
                    session.roleArn(), session.assumedRoleId(), session.issuedAt(), session.expiration());
        } catch (RuntimeException e) {
            // The revoker promises values for AWS failures; anything else (a bug, no issuer URL) is a failure too.
            result = failed(session, e);
        }
        record(service, session, result, log);
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

    private static void record(AwsRoleService service, BlockSession session, RevocationResult result, PrintStream log) {
        log.println(
                result.isDone()
                        ? Messages.Revocation_Done(session.stage(), result.message())
                        : Messages.Revocation_Failed(session.stage(), result.message()));
        service.audit().record(SessionAudit.revocation(session, result));
    }
}
