package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.oidc.KeyRingState;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import java.time.Instant;

/**
 * Reads the signing keys an administrator supplies (through JCasC, typically from a secret source): either the full
 * key state that Jenkins itself stores, or just one private key (base64 PKCS#8, or a PEM {@code PRIVATE KEY} block),
 * which then becomes the only key. The second form is what keeps the issuer of an ephemeral controller stable.
 */
final class SigningKeysText {

    private SigningKeysText() {}

    /**
     * @param algorithm the configured algorithm, tried first for a single key. A key of the other type is taken as a
     *     key of its own algorithm: JCasC sets attributes in no fixed order, so {@code signingKeys} may arrive before
     *     {@code signingAlgorithm}, and an EC key must not be refused because RS256 is still the default then.
     * @throws IllegalArgumentException saying what the text should have been; it never contains the text
     */
    static KeyRingState parse(String text, SigningAlgorithm algorithm, Instant now) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return KeyRingState.parse(trimmed);
        }
        try {
            return KeyRingState.ofImportedKey(algorithm, trimmed, now);
        } catch (IllegalArgumentException e) {
            for (SigningAlgorithm other : SigningAlgorithm.values()) {
                if (other != algorithm) {
                    try {
                        return KeyRingState.ofImportedKey(other, trimmed, now);
                    } catch (IllegalArgumentException notThisOneEither) {
                        // Report the error for the configured algorithm below: it says what to fix.
                    }
                }
            }
            throw new IllegalArgumentException(
                    "The signing keys must be either the key state Jenkins exports (JSON) or one "
                            + algorithm.joseName()
                            + " private key as base64 PKCS#8 or a PEM PRIVATE KEY block: "
                            + e.getMessage(),
                    e);
        }
    }
}
