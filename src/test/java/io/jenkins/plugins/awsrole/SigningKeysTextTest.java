package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerSettings;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.oidc.KeyRingState;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.PrivateKeys;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The signing keys an administrator supplies. JCasC sets {@code signingKeys} before {@code signingAlgorithm} (it
 * applies attributes in hash order), so a single key must be read as what it is, not as the algorithm still
 * configured at that moment.
 */
class SigningKeysTextTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void anEcKeyIsAnEs256KeyWhileRs256IsStillConfigured() throws Exception {
        KeyPair pair = generate("EC");

        KeyRingState state = SigningKeysText.parse(PrivateKeys.export(pair.getPrivate()), SigningAlgorithm.RS256, NOW);

        assertThat(state.current().algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(state.current().kid())
                .isEqualTo(new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
                        .build()
                        .computeThumbprint()
                        .toString());
    }

    @Test
    void anRsaKeyIsAnRs256KeyWhileEs256IsStillConfigured() throws Exception {
        KeyPair pair = generate("RSA");

        KeyRingState state = SigningKeysText.parse(PrivateKeys.export(pair.getPrivate()), SigningAlgorithm.ES256, NOW);

        assertThat(state.current().algorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(state.current().kid())
                .isEqualTo(new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                        .build()
                        .computeThumbprint()
                        .toString());
    }

    @Test
    void textThatIsNoKeyIsRefusedWithoutRepeatingIt() {
        String text = "bm90LWEta2V5LWF0LWFsbA==";

        assertThatThrownBy(() -> SigningKeysText.parse(text, SigningAlgorithm.ES256, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one ES256 private key as base64 PKCS#8")
                .hasMessageNotContaining(text);
    }

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
    void garbageIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> SigningKeysText.parse("not a key", SigningAlgorithm.RS256, NOW))
                .hasMessageContaining("key state Jenkins exports")
                .hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> SigningKeysText.parse("{\"version\": 1}", SigningAlgorithm.RS256, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static KeyPair generate(String type) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
        if (type.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }
}
