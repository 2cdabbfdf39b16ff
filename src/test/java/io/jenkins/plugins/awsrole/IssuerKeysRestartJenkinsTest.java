package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerDocuments;
import io.jenkins.plugins.awsrole.engine.oidc.KeyRecord;
import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The issuer key is made once and kept: a restart must not change it (AWS would refuse every token until the JWKS
 * caches expired), and the key must not lie on disk in clear.
 */
class IssuerKeysRestartJenkinsTest {

    /** Where GlobalConfiguration saves: {@code $JENKINS_HOME/<descriptor id>.xml}. */
    private static final String CONFIG_FILE = AwsRoleConfiguration.class.getName() + ".xml";

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void theSigningKeySurvivesARestartAndIsStoredEncrypted() throws Throwable {
        AtomicReference<String> kid = new AtomicReference<>();
        sessions.then(r -> {
            MintedToken token = AwsRoleConfiguration.get()
                    .issuer()
                    .mint(TokenRequest.of(BuildIdentity.ofJob("app", 1, r.getURL() + "job/app/1/"), "deploy"));
            KeyRecord current =
                    AwsRoleConfiguration.get().issuer().exportState().current();
            assertThat(current.kid()).isEqualTo(token.keyId());
            kid.set(current.kid());

            String stored = Files.readString(sessions.getHome().toPath().resolve(CONFIG_FILE), StandardCharsets.UTF_8);
            assertThat(stored)
                    .as("the key state is saved, as an encrypted Secret")
                    .containsPattern("<signingKeys>\\{[A-Za-z0-9+/=]+}</signingKeys>")
                    .doesNotContain(current.pkcs8())
                    .doesNotContain("pkcs8")
                    .doesNotContain(current.kid());
        });
        sessions.then(r -> {
            assertThat(AwsRoleConfiguration.get()
                            .issuer()
                            .exportState()
                            .current()
                            .kid())
                    .isEqualTo(kid.get());
            JWKSet jwks = JWKSet.parse(r.createWebClient()
                    .goTo("aws-oidc-role/jwks", IssuerDocuments.CONTENT_TYPE)
                    .getWebResponse()
                    .getContentAsString());
            assertThat(jwks.getKeyByKeyId(kid.get())).isNotNull();
        });
    }
}
