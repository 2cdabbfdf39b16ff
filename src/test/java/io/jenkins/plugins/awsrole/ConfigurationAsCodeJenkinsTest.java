package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.oidc.KeyRingState;
import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * JCasC: the issuer and session settings and a pinned key are applied (the key is used, whatever order JCasC sets the attributes
 * in), the export carries the key only encrypted, and a round trip through the configuration form keeps everything.
 */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeJenkinsTest {

    private static final String YAML = "configuration-as-code.yaml";
    private static final String ISSUER = "https://jenkins.example.com/aws-oidc-role";
    private static final String TRUST_CHECK_JOBS = "ops/trust-checks\nops/nightly/**";
    private static final String IAM_ENDPOINT = "https://vpce-0abc-iam.iam.us-east-1.vpce.amazonaws.com";

    /** The private key in the YAML, a throwaway test key (base64 PKCS#8). */
    private static final String PRIVATE_KEY =
            "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgisj81tOyxsrrBjdHoV30AE/pv8Xt4q9Ta4W5DlgEyBuhRANCAATrBAaAVZ1Yu8"
                    + "UWqqan2Af0+7EUdUJCahPQQtL8nW00mt5gSAS6f5nFR4KtAkWdkASKbD2O7nBHcymMnW2xRHWd";

    /** Its public key (base64 X.509 SubjectPublicKeyInfo), derived with openssl, not by the code under test. */
    private static final String PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE6wQGgFWdWLvFFqqmp9gH9PuxFHVCQmoT0ELS"
            + "/J1tNJreYEgEun+ZxUeCrQJFnZAEimw9ju5wR3MpjJ1tsUR1nQ==";

    /** An encrypted Secret as JCasC exports it, after the YAML's line folding is undone. */
    private static final Pattern EXPORTED_SIGNING_KEYS = Pattern.compile("signingKeys: \"(\\{[A-Za-z0-9+/=]+})\"");

    @Test
    @ConfiguredWithCode(YAML)
    void theSettingsApplyAndThePinnedKeySigns(JenkinsConfiguredWithCodeRule r) throws Exception {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        assertThat(config.getIssuerUrl()).isEqualTo(ISSUER);
        assertThat(config.getSigningAlgorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(config.tokenLifetime()).isEqualTo(Duration.ofSeconds(900));
        assertThat(config.getKeyRotationDays()).isZero();
        assertThat(config.getRefreshMinutes()).isEqualTo(10);
        assertThat(config.getAuditRetention()).isEqualTo(500);
        assertThat(config.isFailOnRevocationFailure()).isTrue();
        assertThat(config.iamEndpoint()).hasToString(IAM_ENDPOINT);
        assertThat(config.getTrustCheckJobs()).isEqualTo(TRUST_CHECK_JOBS);
        assertThat(config.trustCheckGate().refusal("awsRoleProbe", BuildIdentity.ofJob("ops/nightly/aws", 1, null)))
                .isEmpty();
        assertThat(config.trustCheckGate().refusal("awsRoleProbe", BuildIdentity.ofJob("team/app", 1, null)))
                .isPresent();
        assertThat(AwsRoleService.get().audit().retention())
                .as("the retention reaches the audit trail")
                .isEqualTo(500);

        ECPublicKey publicKey = publicKey();
        String thumbprint = new ECKey.Builder(Curve.P_256, publicKey)
                .build()
                .computeThumbprint()
                .toString();
        assertThat(config.issuer().exportState().current().kid()).isEqualTo(thumbprint);

        MintedToken token = config.issuer().mint(TokenRequest.of(BuildIdentity.ofJob("app", 3, null), "deploy"));
        SignedJWT jwt = SignedJWT.parse(token.token());
        assertThat(jwt.verify(new ECDSAVerifier(publicKey))).isTrue();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(thumbprint);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(ISSUER);
    }

    @Test
    @ConfiguredWithCode(YAML)
    void theExportCarriesTheKeysOnlyEncrypted(JenkinsConfiguredWithCodeRule r) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = Util.toYamlString(Util.getUnclassifiedRoot(context).get("awsOidcRole"));
        // The exporter folds long double-quoted scalars with a trailing backslash; join them to read the values.
        String unfolded = exported.replaceAll("\\\\\\r?\\n\\s*", "");

        assertThat(unfolded)
                .containsPattern("issuerUrl: \"?" + Pattern.quote(ISSUER))
                .containsPattern("signingAlgorithm: \"?ES256")
                .containsPattern("refreshMinutes: 10")
                .containsPattern("auditRetention: 500")
                .containsPattern("failOnRevocationFailure: true")
                .doesNotContain(PRIVATE_KEY)
                .doesNotContain("pkcs8")
                .doesNotContain("PRIVATE KEY");
        Matcher signingKeys = EXPORTED_SIGNING_KEYS.matcher(unfolded);
        assertThat(signingKeys.find())
                .as("signingKeys exported as an encrypted secret in:%n%s", exported)
                .isTrue();
        // What was exported is the real key state: imported again on this controller, it names the pinned key.
        KeyRingState state =
                KeyRingState.parse(Secret.fromString(signingKeys.group(1)).getPlainText());
        assertThat(state.current().kid())
                .isEqualTo(AwsRoleConfiguration.get()
                        .issuer()
                        .exportState()
                        .current()
                        .kid());
    }

    @Test
    @ConfiguredWithCode(YAML)
    void aRoundTripThroughTheFormKeepsSettingsAndKey(JenkinsConfiguredWithCodeRule r) throws Exception {
        String kid = AwsRoleConfiguration.get().issuer().exportState().current().kid();

        r.configRoundtrip();

        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        assertThat(config.getIssuerUrl()).isEqualTo(ISSUER);
        assertThat(config.getSigningAlgorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(config.getTokenLifetimeSeconds()).isEqualTo(900);
        assertThat(config.getKeyRotationDays()).isZero();
        assertThat(config.getRefreshMinutes()).isEqualTo(10);
        assertThat(config.getAuditRetention()).isEqualTo(500);
        assertThat(config.isFailOnRevocationFailure()).isTrue();
        assertThat(config.getIamEndpoint()).isEqualTo(IAM_ENDPOINT);
        assertThat(config.getTrustCheckJobs()).isEqualTo(TRUST_CHECK_JOBS);
        assertThat(config.issuer().exportState().current().kid()).isEqualTo(kid);
    }

    private static ECPublicKey publicKey() throws Exception {
        return (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(PUBLIC_KEY)));
    }
}
