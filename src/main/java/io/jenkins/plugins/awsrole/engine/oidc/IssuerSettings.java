package io.jenkins.plugins.awsrole.engine.oidc;

import java.time.Duration;
import java.util.Objects;

/**
 * How the issuer runs: its URL, the algorithm new keys get, how often keys rotate and how much clock skew verifiers
 * are assumed to allow.
 *
 * @param issuer the issuer URL
 * @param algorithm the algorithm of new keys; when it differs from the current key's, the issuer rotates at once
 * @param rotationInterval how long a key signs before it is replaced, at least one hour; {@code null} to rotate only
 *     on request (for keys pinned by JCasC, which a restart would bring back anyway)
 * @param clockSkew how far a verifier's clock may be behind ours, 0 to 1 hour; a retired key stays published for the
 *     longest token lifetime plus this
 */
public record IssuerSettings(
        IssuerUrl issuer, SigningAlgorithm algorithm, Duration rotationInterval, Duration clockSkew) {

    /** Keys are replaced every 30 days unless configured otherwise. */
    public static final Duration DEFAULT_ROTATION_INTERVAL = Duration.ofDays(30);

    /** Five minutes, the usual allowance of JWT verifiers. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    /** Shorter intervals would only grow the JWKS: every retired key stays published for over an hour. */
    public static final Duration MIN_ROTATION_INTERVAL = Duration.ofHours(1);

    private static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private static final Duration MAX_PREPUBLICATION = Duration.ofDays(1);

    public IssuerSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (rotationInterval != null && rotationInterval.compareTo(MIN_ROTATION_INTERVAL) < 0) {
            throw new IllegalArgumentException("The key rotation interval must be at least one hour, got "
                    + rotationInterval + "; leave it empty to rotate only on request.");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException(
                    "The clock-skew allowance must be between 0 and 1 hour, got " + clockSkew + ".");
        }
    }

    /** RS256, rotation every 30 days, five minutes of clock skew. */
    public static IssuerSettings defaults(IssuerUrl issuer) {
        return new IssuerSettings(issuer, SigningAlgorithm.DEFAULT, DEFAULT_ROTATION_INTERVAL, DEFAULT_CLOCK_SKEW);
    }

    public IssuerSettings withAlgorithm(SigningAlgorithm newAlgorithm) {
        return new IssuerSettings(issuer, newAlgorithm, rotationInterval, clockSkew);
    }

    public IssuerSettings withRotationInterval(Duration newInterval) {
        return new IssuerSettings(issuer, algorithm, newInterval, clockSkew);
    }

    /**
     * How long before a scheduled rotation the next key is published: one day, or half the rotation interval if that
     * is shorter. Verifiers that cache the JWKS (and copies hosted statically) then know the key before it signs.
     */
    public Duration prepublication() {
        if (rotationInterval == null) {
            return Duration.ZERO;
        }
        Duration half = rotationInterval.dividedBy(2);
        return half.compareTo(MAX_PREPUBLICATION) < 0 ? half : MAX_PREPUBLICATION;
    }

    /** How long a retired key stays published: until the last token it may have signed has expired everywhere. */
    public Duration retention() {
        return TokenRequest.MAX_LIFETIME.plus(clockSkew);
    }
}
