package io.jenkins.plugins.awsrole.engine.revoke;

import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The revoker role's credentials for the {@link Revoker}: a session obtained by the controller (with its own token)
 * and kept until shortly before it expires, then obtained again. There are no standing keys: the session comes from
 * {@code AssumeRoleWithWebIdentity} like a build's.
 *
 * <p>Thread-safe; the session is only ever obtained by one thread at a time. {@link #toString()} shows no secret.
 */
public final class RevokerCredentials implements AwsCredentialsProvider {

    /** A session is replaced when it has less than this left, so that a read-modify-write never runs out of time. */
    public static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    /** Where the revoker's session comes from (the Jenkins layer mints the controller's token and exchanges it). */
    @FunctionalInterface
    public interface SessionSource {

        /**
         * Assumes the revoker role.
         *
         * @throws InterruptedException when interrupted while waiting to retry
         */
        RoleSession obtain() throws InterruptedException;
    }

    private final SessionSource source;
    private final Clock clock;
    private RoleSession current;

    /**
     * Credentials that come from {@code source}.
     *
     * @param source obtains a fresh revoker session
     * @param clock judges how much time the cached session has left
     */
    public RevokerCredentials(SessionSource source, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The current session's credentials, obtaining a session first if there is none or it is about to expire.
     *
     * @throws RevokerCredentialsException when no session can be obtained; the message says why
     */
    @Override
    public synchronized AwsCredentials resolveCredentials() {
        if (current == null || !clock.instant().plus(REFRESH_BEFORE).isBefore(current.expiration())) {
            current = obtain();
        }
        return AwsSessionCredentials.create(current.accessKeyId(), current.secretAccessKey(), current.sessionToken());
    }

    private RoleSession obtain() {
        try {
            return Objects.requireNonNull(source.obtain(), "the revoker session source returned nothing");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RevokerCredentialsException("Interrupted while assuming the revoker role.", e);
        } catch (RuntimeException e) {
            throw new RevokerCredentialsException(
                    "The controller could not assume the revoker role: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RevokerCredentials{" + (current == null ? "no session yet" : current.assumedRoleArn()) + "}";
    }

    /** The revoker role could not be assumed; the message says why (never a secret). */
    public static final class RevokerCredentialsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RevokerCredentialsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
