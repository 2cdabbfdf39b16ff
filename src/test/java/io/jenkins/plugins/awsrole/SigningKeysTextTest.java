package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerSettings;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.oidc.KeyRingState;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.PrivateKeys;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigningKeysTextTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void acceptsTheKeyStateJenkinsStores() {
        KeyRingState state = OidcIssuer.create(
                        IssuerSettings.defaults(IssuerUrl.parse("https://ci.example.com/aws-oidc-role")),
                        null,
                        Clock.systemUTC(),
                        s -> {})
                .exportState();
        KeyRingState parsed = SigningKeysText.parse("  " + state.toText() + "\n", SigningAlgorithm.RS256, NOW);
        assertThat(parsed.current().kid()).isEqualTo(state.current().kid());
    }

    @Test
    void acceptsOnePrivateKeyAsBase64Pkcs8OrPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String base64 = PrivateKeys.export(generator.generateKeyPair().getPrivate());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(Base64.getDecoder().decode(base64))
                + "\n-----END PRIVATE KEY-----\n";

        KeyRingState fromBase64 = SigningKeysText.parse(base64, SigningAlgorithm.ES256, NOW);
        KeyRingState fromPem = SigningKeysText.parse(pem, SigningAlgorithm.ES256, NOW);

        assertThat(fromBase64.keys()).hasSize(1);
        assertThat(fromBase64.current().algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(fromPem.current().kid()).isEqualTo(fromBase64.current().kid());
    }

    @Test
    void aKeyOfTheWrongAlgorithmIsRefusedWithoutEchoingIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String ecKey = PrivateKeys.export(generator.generateKeyPair().getPrivate());

        assertThatThrownBy(() -> SigningKeysText.parse(ecKey, SigningAlgorithm.RS256, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RS256 private key")
                .message()
                .doesNotContain(ecKey.substring(0, 40));
    }

    @Test
    void garbageIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> SigningKeysText.parse("not a key", SigningAlgorithm.RS256, NOW))
                .hasMessageContaining("key state Jenkins exports")
                .hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> SigningKeysText.parse("{\"version\": 1}", SigningAlgorithm.RS256, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
