package io.jenkins.plugins.awsrole.engine.oidc;

import java.time.Instant;
import java.util.Objects;

/**
 * One signing key as stored: what {@link KeyRingState} is a list of.
 *
 * <p>{@link #toString()} leaves the private key out, so a record can be logged.
 *
 * @param kid the key id, the RFC 7638 thumbprint of the public key (checked when the key is loaded)
 * @param algorithm what the key signs with
 * @param pkcs8 the private key as base64 of PKCS#8 DER (secret: store encrypted)
 * @param createdAt when the key became the signing key
 * @param retiredAt when it stopped signing, or {@code null} for the current key
 */
public record KeyRecord(String kid, SigningAlgorithm algorithm, String pkcs8, Instant createdAt, Instant retiredAt) {

    public KeyRecord {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(pkcs8, "pkcs8");
        Objects.requireNonNull(createdAt, "createdAt");
        if (retiredAt != null && retiredAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("Key " + kid + " cannot be retired before it was created.");
        }
    }

    /** Whether this is the key that signs new tokens. */
    public boolean isCurrent() {
        return retiredAt == null;
    }

    @Override
    public String toString() {
        return "KeyRecord[kid=" + kid + ", algorithm=" + algorithm + ", createdAt=" + createdAt + ", retiredAt="
                + retiredAt + "]";
    }
}
