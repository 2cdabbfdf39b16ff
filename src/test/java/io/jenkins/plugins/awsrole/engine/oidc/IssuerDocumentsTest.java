package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.jenkins.plugins.awsrole.engine.json.JsonWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;

class IssuerDocumentsTest {

    private static final IssuerUrl ISSUER = IssuerUrl.parse("https://ci.example.com/aws-oidc-role");
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

    private static KeyRing ringOf(SigningAlgorithm algorithm, int size) {
        KeyRing ring = KeyRing.of(SigningKey.generate(algorithm, NOW));
        for (int i = 1; i < size; i++) {
            ring = ring.rotatedTo(SigningKey.generate(algorithm, NOW), NOW);
        }
        return ring;
    }

    private static List<Map<String, Object>> jwksKeys(IssuerDocuments documents) throws Exception {
        Map<String, Object> jwks = JSONObjectUtils.parse(new String(documents.jwksJson(), StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
        return keys;
    }

    @Test
    void discoveryDocumentIsExactlyThis() {
        IssuerDocuments documents = IssuerDocuments.of(ISSUER, ringOf(SigningAlgorithm.RS256, 1));

        assertThat(new String(documents.discoveryJson(), StandardCharsets.UTF_8))
                .isEqualTo("""
                        {
                          "issuer": "https://ci.example.com/aws-oidc-role",
                          "jwks_uri": "https://ci.example.com/aws-oidc-role/jwks",
                          "response_types_supported": ["id_token"],
                          "subject_types_supported": ["public"],
                          "id_token_signing_alg_values_supported": ["RS256"],
                          "claims_supported": ["iss", "sub", "aud", "iat", "nbf", "exp", "jti", "jenkins_job", \
                        "jenkins_folder", \
                        "jenkins_build_number", "jenkins_build_url", "jenkins_stage", "jenkins_branch", \
                        "jenkins_change_id", "jenkins_tag", "jenkins_ref_type", "jenkins_replay", \
                        "https://aws.amazon.com/tags", \
                        "https://aws.amazon.com/source_identity"]
                        }
                        """);
    }

    @Test
    void rsaModulusIsMinimalUnsignedBase64UrlForManyKeys() throws Exception {
        KeyRing ring = ringOf(SigningAlgorithm.RS256, 25);
        List<Map<String, Object>> keys = jwksKeys(IssuerDocuments.of(ISSUER, ring));

        assertThat(keys).hasSize(25);
        for (int i = 0; i < keys.size(); i++) {
            Map<String, Object> jwk = keys.get(i);
            assertThat(jwk.keySet()).containsExactly("kid", "kty", "alg", "use", "n", "e");
            assertThat(jwk)
                    .containsEntry("kty", "RSA")
                    .containsEntry("alg", "RS256")
                    .containsEntry("use", "sig");
            byte[] n = new Base64URL((String) jwk.get("n")).decode();
            // A 2048-bit modulus has its top bit set: two's complement would need a leading zero byte (257 bytes).
            assertThat(n).hasSize(256);
            assertThat(n[0]).isNotZero();
            BigInteger modulus = ((java.security.interfaces.RSAPublicKey)
                            ring.published().get(i).publicJwk().toRSAKey().toPublicKey())
                    .getModulus();
            assertThat(new BigInteger(1, n)).isEqualTo(modulus);
            assertThat(modulus.toByteArray()).hasSize(257);
            assertThat(jwk).containsEntry("e", "AQAB");
        }
    }

    @Test
    void ecKeysHaveCurveAndFixedLengthCoordinates() throws Exception {
        for (Map<String, Object> jwk : jwksKeys(IssuerDocuments.of(ISSUER, ringOf(SigningAlgorithm.ES256, 10)))) {
            assertThat(jwk.keySet()).containsExactly("kid", "kty", "alg", "use", "crv", "x", "y");
            assertThat(jwk)
                    .containsEntry("kty", "EC")
                    .containsEntry("alg", "ES256")
                    .containsEntry("crv", "P-256");
            assertThat(new Base64URL((String) jwk.get("x")).decode()).hasSize(32);
            assertThat(new Base64URL((String) jwk.get("y")).decode()).hasSize(32);
        }
    }

    @Test
    void keyIdsAreThumbprintsAsAnotherLibraryComputesThem() throws Exception {
        KeyRing ring =
                ringOf(SigningAlgorithm.ES256, 1).rotatedTo(SigningKey.generate(SigningAlgorithm.RS256, NOW), NOW);
        String jwks = new String(IssuerDocuments.of(ISSUER, ring).jwksJson(), StandardCharsets.UTF_8);

        List<JsonWebKey> keys = new JsonWebKeySet(jwks).getJsonWebKeys();

        assertThat(keys).hasSize(2);
        for (JsonWebKey key : keys) {
            assertThat(key.getKeyId()).isEqualTo(key.calculateBase64urlEncodedThumbprint("SHA-256"));
        }
    }

    @Test
    void sameKeysGiveTheSameBytes() {
        KeyRing ring = ringOf(SigningAlgorithm.ES256, 3);
        IssuerDocuments first = IssuerDocuments.of(ISSUER, ring);
        IssuerDocuments second = IssuerDocuments.of(ISSUER, KeyRing.load(ring.toState()));

        assertThat(second.jwksJson()).isEqualTo(first.jwksJson());
        assertThat(second.discoveryJson()).isEqualTo(first.discoveryJson());
        assertThat(second.etag()).isEqualTo(first.etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(IssuerDocuments.of(ISSUER, ringOf(SigningAlgorithm.ES256, 1)).etag())
                .isNotEqualTo(first.etag());
    }

    @Test
    void callersGetCopies() {
        IssuerDocuments documents = IssuerDocuments.of(ISSUER, ringOf(SigningAlgorithm.ES256, 1));
        documents.jwksJson()[0] = 'X';
        documents.discoveryJson()[0] = 'X';

        assertThat(documents.jwksJson()[0]).isEqualTo((byte) '{');
        assertThat(documents.discoveryJson()[0]).isEqualTo((byte) '{');
    }

    @Test
    void jsonWriterEscapesWhatJsonRequires() throws Exception {
        String text = JsonWriter.toText(Map.of("k", "quote\" backslash\\ newline\n bell\u0007 é \u2028"));

        assertThat(text).isEqualTo("{\n  \"k\": \"quote\\\" backslash\\\\ newline\\n bell\\u0007 é \\u2028\"\n}\n");
        assertThat(JSONObjectUtils.parse(text).get("k")).isEqualTo("quote\" backslash\\ newline\n bell\u0007 é \u2028");
    }
}
