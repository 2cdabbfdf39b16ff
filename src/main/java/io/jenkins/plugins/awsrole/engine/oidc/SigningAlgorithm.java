package io.jenkins.plugins.awsrole.engine.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;

/**
 * The signature algorithms the issuer can sign tokens with. Both are accepted by AWS STS.
 *
 * <p>{@link #RS256} (RSA 2048) is the default because every OIDC consumer supports it; {@link #ES256} (ECDSA on
 * P-256) gives much shorter tokens and signs several times faster.
 */
public enum SigningAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256 over a 2048-bit RSA key. */
    RS256(JWSAlgorithm.RS256, "RSA"),
    /** ECDSA with SHA-256 on the NIST P-256 curve. */
    ES256(JWSAlgorithm.ES256, "EC");

    /** The algorithm used when none is configured. */
    public static final SigningAlgorithm DEFAULT = RS256;

    /** The smallest RSA key accepted on import; the size generated keys have. */
    public static final int MIN_RSA_BITS = 2048;

    private final JWSAlgorithm jws;
    private final String keyType;

    SigningAlgorithm(JWSAlgorithm jws, String keyType) {
        this.jws = jws;
        this.keyType = keyType;
    }

    /** The {@code alg} value in JOSE headers and JWKs, for example {@code RS256}. */
    public String joseName() {
        return jws.getName();
    }

    /** The JCA key algorithm name: {@code RSA} or {@code EC}. */
    public String keyType() {
        return keyType;
    }

    JWSAlgorithm jws() {
        return jws;
    }

    /** Looks an algorithm up by its JOSE name, with an error that lists what is allowed. */
    public static SigningAlgorithm fromJoseName(String name) {
        for (SigningAlgorithm alg : values()) {
            if (alg.joseName().equals(name)) {
                return alg;
            }
        }
        throw new IllegalArgumentException(
                "Unsupported signing algorithm '" + name + "': use RS256 (RSA 2048) or ES256 (EC P-256).");
    }

    KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
            if (this == RS256) {
                generator.initialize(MIN_RSA_BITS);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("This Java runtime cannot generate " + joseName() + " keys.", e);
        }
    }
}
