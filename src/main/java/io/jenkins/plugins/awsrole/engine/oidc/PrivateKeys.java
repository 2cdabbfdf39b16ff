package io.jenkins.plugins.awsrole.engine.oidc;

import com.nimbusds.jose.jwk.Curve;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The text form of private keys: PKCS#8 DER in base64, which the Jenkins layer stores encrypted and JCasC can supply.
 *
 * <p>Import is strict, because a key that is accepted here but refused by AWS would only show up as failing builds:
 * the key must be of the algorithm's type, RSA keys must have at least 2048 bits, EC keys must be on P-256, and the
 * public key derived from it must verify a signature made with it. Error messages say what to fix; they never contain
 * key material.
 */
public final class PrivateKeys {

    private static final Pattern PEM_PKCS8 = Pattern.compile("-----(BEGIN|END) PRIVATE KEY-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String CONVERT_HINT =
            "Convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem";

    private PrivateKeys() {}

    /** The text form of a private key: base64 of its PKCS#8 DER encoding, on one line. */
    public static String export(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Reads a private key from its text form and checks that it suits the algorithm.
     *
     * @param algorithm what the key will sign with
     * @param text base64 of PKCS#8 DER; a PEM {@code -----BEGIN PRIVATE KEY-----} block and line breaks are accepted
     * @return the private key with its public key
     * @throws IllegalArgumentException saying what is wrong with the key, without revealing it
     */
    public static KeyPair importKeyPair(SigningAlgorithm algorithm, String text) {
        byte[] der = decode(text);
        PrivateKey privateKey = parse(algorithm, der);
        PublicKey publicKey =
                switch (algorithm) {
                    case RS256 -> rsaPublicKey(privateKey);
                    case ES256 -> ecPublicKey(privateKey);
                };
        KeyPair pair = new KeyPair(publicKey, privateKey);
        checkSignsAndVerifies(algorithm, pair);
        return pair;
    }

    private static byte[] decode(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("No private key given: expected base64 of a PKCS#8 private key.");
        }
        if (text.contains("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException(
                    "The private key is encrypted; supply it unencrypted (Jenkins encrypts it when it stores it).");
        }
        if (text.contains("RSA PRIVATE KEY") || text.contains("EC PRIVATE KEY")) {
            throw new IllegalArgumentException(
                    "The private key is in the traditional (PKCS#1/SEC1) format, not PKCS#8. " + CONVERT_HINT);
        }
        String base64 =
                WHITESPACE.matcher(PEM_PKCS8.matcher(text).replaceAll("")).replaceAll("");
        try {
            return Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "The private key is not valid base64: expected base64 of a PKCS#8 private key.");
        }
    }

    private static PrivateKey parse(SigningAlgorithm algorithm, byte[] der) {
        try {
            return KeyFactory.getInstance(algorithm.keyType()).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            for (SigningAlgorithm other : SigningAlgorithm.values()) {
                if (other != algorithm && parses(other, der)) {
                    throw new IllegalArgumentException("The private key is an " + other.keyType() + " key, but "
                            + algorithm.joseName() + " needs an " + algorithm.keyType() + " key: select "
                            + other.joseName() + " or supply an " + algorithm.keyType() + " key.");
                }
            }
            throw new IllegalArgumentException(
                    "The private key is not a PKCS#8 " + algorithm.keyType() + " private key. " + CONVERT_HINT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime cannot read " + algorithm.keyType() + " keys.", e);
        }
    }

    private static boolean parses(SigningAlgorithm algorithm, byte[] der) {
        try {
            KeyFactory.getInstance(algorithm.keyType()).generatePrivate(new PKCS8EncodedKeySpec(der));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PublicKey rsaPublicKey(PrivateKey privateKey) {
        RSAPrivateKey rsa = (RSAPrivateKey) privateKey;
        int bits = rsa.getModulus().bitLength();
        if (bits < SigningAlgorithm.MIN_RSA_BITS) {
            throw new IllegalArgumentException(
                    "The RSA key has " + bits + " bits; at least " + SigningAlgorithm.MIN_RSA_BITS + " are needed.");
        }
        if (!(rsa instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException(
                    "The RSA private key lacks its public exponent (no CRT parameters); export it again in full PKCS#8.");
        }
        return generatePublic("RSA", new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    }

    private static PublicKey ecPublicKey(PrivateKey privateKey) {
        ECPrivateKey ec = (ECPrivateKey) privateKey;
        if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
            throw new IllegalArgumentException(
                    "The EC key is not on the P-256 curve (secp256r1/prime256v1), which "
                            + "ES256 requires. Generate one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        }
        return generatePublic(
                "EC", new ECPublicKeySpec(EcPoints.publicPoint(ec.getS(), ec.getParams()), ec.getParams()));
    }

    private static PublicKey generatePublic(String type, KeySpec spec) {
        try {
            return KeyFactory.getInstance(type).generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("No valid public key can be derived from the " + type + " private key.");
        }
    }

    /** Proves that the derived public key belongs to the private key, so AWS will accept what this key signs. */
    private static void checkSignsAndVerifies(SigningAlgorithm algorithm, KeyPair pair) {
        String jca = algorithm == SigningAlgorithm.RS256 ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "aws-oidc-role key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(jca);
            signer.initSign(pair.getPrivate());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("The private key is inconsistent: its signatures do not verify.");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The private key cannot sign with " + algorithm.joseName() + ".");
        }
    }
}
