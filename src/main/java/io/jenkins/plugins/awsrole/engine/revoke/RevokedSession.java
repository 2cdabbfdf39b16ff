package io.jenkins.plugins.awsrole.engine.revoke;

import java.time.Instant;
import java.util.Objects;

/**
 * One revoked session: its {@code aws:userid} and when its credentials expire (after which its entry may go).
 *
 * @param assumedRoleId {@code <role id>:<session name>}, as STS returns it in {@code AssumedRoleUser.AssumedRoleId}
 * @param expiration when the session's credentials expire
 */
public record RevokedSession(String assumedRoleId, Instant expiration) {

    /** Checks the id's form, so that nothing else can reach a policy document. */
    public RevokedSession {
        RevocationPolicy.requireUserId(assumedRoleId);
        Objects.requireNonNull(expiration, "expiration");
    }
}
