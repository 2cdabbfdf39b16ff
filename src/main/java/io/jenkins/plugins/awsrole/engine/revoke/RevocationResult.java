package io.jenkins.plugins.awsrole.engine.revoke;

import java.time.Instant;
import java.util.Objects;

/**
 * What became of one revocation. A failure is a value, not an exception: a revocation that failed must never fail a
 * build that succeeded; the caller shows {@link #message()} in the build log and records it in the audit trail.
 *
 * @param status what happened
 * @param roleArn the role whose session it was
 * @param assumedRoleId the session's {@code aws:userid}
 * @param expiration when the session's credentials expire
 * @param attempts how many read-modify-write attempts were made (0 when none was needed)
 * @param message one sentence for the build log; for a failure, what went wrong and what to fix
 */
public record RevocationResult(
        Status status, String roleArn, String assumedRoleId, Instant expiration, int attempts, String message) {

    /** The outcome of a revocation. */
    public enum Status {
        /** The session is in the role's revocation policy (AWS may take a few seconds to enforce it). */
        REVOKED,
        /**
         * The role's revocation policy was full, so the session was revoked by a role-wide cut-off: every session of
         * the role issued before a time just after this one's is denied, other builds' running sessions included.
         */
        REVOKED_ROLE_WIDE,
        /** Nothing was written: the credentials had already expired. */
        ALREADY_EXPIRED,
        /** The session could not be revoked; it stays usable until it expires. */
        FAILED
    }

    /** Requires status and message. */
    public RevocationResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /** Whether the session is revoked or expired, so that nobody can use it any longer (give or take propagation). */
    public boolean isDone() {
        return status != Status.FAILED;
    }

    static RevocationResult revoked(RevokedSession s, String roleArn, int attempts) {
        return new RevocationResult(
                Status.REVOKED,
                roleArn,
                s.assumedRoleId(),
                s.expiration(),
                attempts,
                "Revoked AWS session " + s.assumedRoleId() + " of role " + roleArn + " (inline policy "
                        + RevocationPolicy.POLICY_NAME + "; AWS enforces it within seconds).");
    }

    static RevocationResult revokedRoleWide(RevokedSession s, String roleArn, int attempts, Instant cutOff) {
        return new RevocationResult(
                Status.REVOKED_ROLE_WIDE,
                roleArn,
                s.assumedRoleId(),
                s.expiration(),
                attempts,
                "Revoked AWS session " + s.assumedRoleId() + " of role " + roleArn + " with a role-wide cut-off:"
                        + " the revocation policy " + RevocationPolicy.POLICY_NAME + " had no room for one more"
                        + " session, so every session of the role issued before " + cutOff + " is denied now,"
                        + " including other builds' sessions still running, until their blocks renew them. See"
                        + " docs/revocation.md.");
    }

    static RevocationResult alreadyExpired(String roleArn, String assumedRoleId, Instant expiration) {
        return new RevocationResult(
                Status.ALREADY_EXPIRED,
                roleArn,
                assumedRoleId,
                expiration,
                0,
                "AWS session " + assumedRoleId + " of role " + roleArn + " expired at " + expiration
                        + "; nothing to revoke.");
    }

    static RevocationResult failed(
            String roleArn, String assumedRoleId, Instant expiration, int attempts, String message) {
        return new RevocationResult(Status.FAILED, roleArn, assumedRoleId, expiration, attempts, message);
    }
}
