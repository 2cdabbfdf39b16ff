package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.jenkins.plugins.awsrole.engine.oidc.KeyRingState;
import io.jenkins.plugins.awsrole.engine.oidc.PrivateKeys;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
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
