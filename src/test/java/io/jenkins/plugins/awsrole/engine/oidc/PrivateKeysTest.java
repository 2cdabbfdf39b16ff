package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrivateKeysTest {

    /** A throwaway test key made by {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256}. */
    private static final String OPENSSL_EC_PEM = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgx2oIOjhHZ55M3B7x
            RKItyMeGJHCgsC2t0nHG17ceMRehRANCAAR4//BJ4w3LLcgoZXHh4qbhHwPz/WMI
            kBr6dAFY5QDPQlc7yxMcIPyTdVGMzwqtOHN5nNbwHHkYKiX8CZAM/2sR
            -----END PRIVATE KEY-----
            """;

    /** Its public key, from {@code openssl pkey -pubout -outform DER | base64}. */
    private static final String OPENSSL_EC_PUBLIC =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeP/wSeMNyy3IKGVx4eKm4R8D8/1jCJAa+nQBWOUAz0JXO8sTHCD8k3VRjM8KrThze"
                    + "ZzW8Bx5GCol/AmQDP9rEQ==";

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void exportAndImportGiveTheSameKeyPair(SigningAlgorithm algorithm) {
        KeyPair generated = algorithm.generateKeyPair();
        String text = PrivateKeys.export(generated.getPrivate());

        KeyPair imported = PrivateKeys.importKeyPair(algorithm, text);

        assertThat(text).doesNotContain("\n").isBase64();
        assertThat(imported.getPrivate().getEncoded())
                .isEqualTo(generated.getPrivate().getEncoded());
        assertThat(imported.getPublic().getEncoded())
                .isEqualTo(generated.getPublic().getEncoded());
    }

    @Test
    void ecPublicKeyIsDerivedCorrectlyForManyKeys() {
        for (int i = 0; i < 20; i++) {
            KeyPair generated = SigningAlgorithm.ES256.generateKeyPair();
            KeyPair imported =
                    PrivateKeys.importKeyPair(SigningAlgorithm.ES256, PrivateKeys.export(generated.getPrivate()));
            assertThat(imported.getPublic().getEncoded())
                    .isEqualTo(generated.getPublic().getEncoded());
        }
    }

    @Test
    void opensslPemKeyIsAccepted() throws Exception {
        KeyPair imported = PrivateKeys.importKeyPair(SigningAlgorithm.ES256, OPENSSL_EC_PEM);

        var expected = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(OPENSSL_EC_PUBLIC)));
        assertThat(imported.getPublic().getEncoded()).isEqualTo(expected.getEncoded());
    }

    @Test
    void keyIdsSurviveTheRoundTripAndAreRfc7638Thumbprints() {
        SigningKey key = SigningKey.generate(SigningAlgorithm.RS256, Instant.EPOCH);
        SigningKey again = SigningKey.fromRecord(key.toRecord());

        assertThat(again.kid()).isEqualTo(key.kid()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void smallRsaKeyIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String text = PrivateKeys.export(generator.generateKeyPair().getPrivate());

        assertThatThrownBy(() -> PrivateKeys.importKeyPair(SigningAlgorithm.RS256, text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The RSA key has 1024 bits; at least 2048 are needed.");
    }

    @Test
    void ecKeyOnAnotherCurveIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        String text = PrivateKeys.export(generator.generateKeyPair().getPrivate());

        assertThatThrownBy(() -> PrivateKeys.importKeyPair(SigningAlgorithm.ES256, text))
                .hasMessageStartingWith("The EC key is not on the P-256 curve");
    }

    @Test
    void keyOfTheOtherTypeIsRejectedSayingWhichItIs() {
        String ec = PrivateKeys.export(SigningAlgorithm.ES256.generateKeyPair().getPrivate());
        String rsa = PrivateKeys.export(SigningAlgorithm.RS256.generateKeyPair().getPrivate());

        assertThatThrownBy(() -> PrivateKeys.importKeyPair(SigningAlgorithm.RS256, ec))
                .hasMessage("The private key is an EC key, but RS256 needs an RSA key: select ES256 or supply an RSA"
                        + " key.");
        assertThatThrownBy(() -> PrivateKeys.importKeyPair(SigningAlgorithm.ES256, rsa))
                .hasMessageContaining("is an RSA key, but ES256 needs an EC key");
    }

    @Test
    void malformedTextIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> PrivateKeys.importKeyPair(SigningAlgorithm.RS256, "not base64 !!"))
                .hasMessage("The private key is not valid base64: expected base64 of a PKCS#8 private key.");
        assertThatThrownBy(() -> PrivateKeys.importKeyPair(SigningAlgorithm.RS256, "AAAA"))
                .hasMessageStartingWith("The private key is not a PKCS#8 RSA private key.");
        assertThatThrownBy(() -> PrivateKeys.importKeyPair(SigningAlgorithm.RS256, "  "))
                .hasMessageStartingWith("No private key given");
        assertThatThrownBy(() -> PrivateKeys.importKeyPair(SigningAlgorithm.RS256, null))
                .hasMessageStartingWith("No private key given");
    }

    @Test
    void traditionalAndEncryptedPemFormatsAreRejectedWithAHint() {
        String secret = "MHcCAQEEILA3VOq9R1LACQM";
        assertThatThrownBy(() -> PrivateKeys.importKeyPair(
                        SigningAlgorithm.ES256,
                        "-----BEGIN EC PRIVATE KEY-----\n" + secret + "\n-----END EC PRIVATE KEY-----"))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt")
                .hasMessageNotContaining(secret);
        assertThatThrownBy(() -> PrivateKeys.importKeyPair(
                        SigningAlgorithm.RS256, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"))
                .hasMessageContaining("encrypted");
    }

    @Test
    void keyWhoseIdDoesNotMatchIsRefused() {
        KeyRecord record =
                SigningKey.generate(SigningAlgorithm.ES256, Instant.EPOCH).toRecord();
        KeyRecord mixedUp = new KeyRecord("someOtherKid", record.algorithm(), record.pkcs8(), Instant.EPOCH, null);

        assertThatThrownBy(() -> SigningKey.fromRecord(mixedUp))
                .hasMessageStartingWith("The stored key someOtherKid does not match its private key");
    }

    @Test
    void noPrivateKeyMaterialInToString() {
        SigningKey key = SigningKey.generate(SigningAlgorithm.RS256, Instant.EPOCH);
        KeyRecord record = key.toRecord();
        KeyRingState state = new KeyRingState(java.util.List.of(record));
        String secretPart = record.pkcs8().substring(100, 140);

        assertThat(key.toString()).contains(key.kid()).doesNotContain(secretPart);
        assertThat(record.toString()).contains(key.kid()).doesNotContain(secretPart);
        assertThat(state.toString()).contains(key.kid()).doesNotContain(secretPart);
        assertThat(state.toText()).contains(record.pkcs8()); // the persisted form does carry it, by design
    }
}
