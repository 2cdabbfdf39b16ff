package io.jenkins.plugins.awsrole.engine.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/**
 * A key pair with its id, its signer and its lifetime; immutable. Holds private key material, so it never leaves the
 * engine except as a {@link KeyRecord}, and its {@link #toString()} shows only the id.
 */
final class SigningKey {

    private final String kid;
    private final SigningAlgorithm algorithm;
    private final String pkcs8;
    private final JWK publicJwk;
    private final JWSSigner signer;
    private final Instant createdAt;
    private final Instant retiredAt;

    private SigningKey(SigningAlgorithm algorithm, KeyPair pair, String pkcs8, Instant createdAt, Instant retiredAt) {
        this.algorithm = algorithm;
        this.pkcs8 = pkcs8;
        this.createdAt = createdAt;
        this.retiredAt = retiredAt;
        this.publicJwk = switch (algorithm) {
            case RS256 -> new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build();
            case ES256 -> new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build();
        };
        try {
            this.kid = publicJwk.computeThumbprint().toString();
            // Signers are thread-safe and costly enough to build that each key keeps one.
            this.signer = switch (algorithm) {
                case RS256 -> new RSASSASigner(pair.getPrivate());
                case ES256 -> new ECDSASigner((ECPrivateKey) pair.getPrivate());
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot prepare the " + algorithm.joseName() + " key for signing.", e);
        }
    }

    /** A new random key that signs from {@code now}. */
    static SigningKey generate(SigningAlgorithm algorithm, Instant now) {
        KeyPair pair = algorithm.generateKeyPair();
        return new SigningKey(algorithm, pair, PrivateKeys.export(pair.getPrivate()), now, null);
    }

    /** A key supplied as text (JCasC, the UI), current from {@code now}. */
    static SigningKey imported(SigningAlgorithm algorithm, String pkcs8Text, Instant now) {
        KeyPair pair = PrivateKeys.importKeyPair(algorithm, pkcs8Text);
        return new SigningKey(algorithm, pair, PrivateKeys.export(pair.getPrivate()), now, null);
    }

    /** A stored key; its id must match its key, which catches a state edited by hand or mixed up. */
    static SigningKey fromRecord(KeyRecord record) {
        KeyPair pair = PrivateKeys.importKeyPair(record.algorithm(), record.pkcs8());
        SigningKey key =
                new SigningKey(record.algorithm(), pair, record.pkcs8(), record.createdAt(), record.retiredAt());
        if (!key.kid.equals(record.kid())) {
            throw new IllegalArgumentException("The stored key " + record.kid() + " does not match its private key"
                    + " (its thumbprint is " + key.kid + "); the key state is corrupt.");
        }
        return key;
    }

    SigningKey retired(Instant when) {
        return new SigningKey(this, createdAt, when);
    }

    /** This key as the signing key from {@code when} (a pre-published next key taking over). */
    SigningKey activated(Instant when) {
        return new SigningKey(this, when, null);
    }

    private SigningKey(SigningKey from, Instant createdAt, Instant retiredAt) {
        this.algorithm = from.algorithm;
        this.kid = from.kid;
        this.pkcs8 = from.pkcs8;
        this.publicJwk = from.publicJwk;
        this.signer = from.signer;
        this.createdAt = createdAt;
        this.retiredAt = retiredAt;
    }

    KeyRecord toRecord() {
        return new KeyRecord(kid, algorithm, pkcs8, createdAt, retiredAt);
    }

    String kid() {
        return kid;
    }

    SigningAlgorithm algorithm() {
        return algorithm;
    }

    JWK publicJwk() {
        return publicJwk;
    }

    JWSSigner signer() {
        return signer;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** When the key stopped signing, or {@code null} while it is the current key. */
    Instant retiredAt() {
        return retiredAt;
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + " " + kid + "]";
    }
}
