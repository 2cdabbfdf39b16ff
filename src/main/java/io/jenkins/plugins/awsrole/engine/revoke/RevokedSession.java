package io.jenkins.plugins.awsrole.engine.revoke;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One revoked session: its {@code aws:userid}, the time before which a session of that id must have been issued for
 * the Deny to reach it, and when its credentials expire (after which its entry may go).
 *
 * <p>The bound is what keeps a Deny on a session name from reaching a later session of the same name: two builds of
 * a job that was deleted and created again, two controllers with the same job names, a renewal that reuses a name. It
 * lies {@link #ISSUE_TIME_MARGIN} after the session's issue time, because the issue time is known only to the second
 * and only from AWS's own answer (the expiry less the duration asked for, see {@code RoleSession#issuedAt()}).
 *
 * @param assumedRoleId {@code <role id>:<session name>}, as STS returns it in {@code AssumedRoleUser.AssumedRoleId}
 * @param issuedBefore the Deny reaches sessions of this id issued before this time (whole seconds)
 * @param expiration when the session's credentials expire
 */
public record RevokedSession(String assumedRoleId, Instant issuedBefore, Instant expiration) {

    /**
     * How far after a session's issue time its Deny reaches: covers the issue time being known to the second only
     * (AWS may round the expiry it reports), and no more, so that a later session of the same name stays untouched.
     */
    public static final Duration ISSUE_TIME_MARGIN = Duration.ofSeconds(5);

    /** Checks the id's form, so that nothing else can reach a policy document, and the times. */
    public RevokedSession {
        RevocationPolicy.requireUserId(assumedRoleId);
        Objects.requireNonNull(issuedBefore, "issuedBefore");
        Objects.requireNonNull(expiration, "expiration");
        issuedBefore = issuedBefore.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The entry for a session issued at {@code issuedAt}.
     *
     * @param issuedAt when AWS issued the session
     * @throws IllegalArgumentException when {@code assumedRoleId} is not an assumed-role user id
     */
    public static RevokedSession issuedAt(String assumedRoleId, Instant issuedAt, Instant expiration) {
        Objects.requireNonNull(issuedAt, "issuedAt");
        return new RevokedSession(
                assumedRoleId, issuedAt.truncatedTo(ChronoUnit.SECONDS).plus(ISSUE_TIME_MARGIN), expiration);
    }
}
