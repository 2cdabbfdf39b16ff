package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerDocuments;
import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import jenkins.model.JenkinsLocationConfiguration;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The issuer endpoint in a real Jenkins with security on: AWS fetches both documents anonymously, gets bare JSON,
 * and can verify what Jenkins signs with the keys it fetched; nothing else is served there, and only administrators
 * rotate the key.
 */
@WithJenkins
class IssuerEndpointJenkinsTest {

    private static final String DISCOVERY = "aws-oidc-role/.well-known/openid-configuration";
    private static final String JWKS = "aws-oidc-role/jwks";
    private static final String ROTATE_NOW = "descriptorByName/" + AwsRoleConfiguration.class.getName() + "/rotateNow";
    private static final String REVOKE_KEY_NOW =
            "descriptorByName/" + AwsRoleConfiguration.class.getName() + "/revokeKeyNow";

    private JenkinsRule r;

    /** Overall/Administer for "admin", Overall/Read for "reader", nothing at all for anonymous. */
    @BeforeEach
    void secure(JenkinsRule rule) {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader"));
    }

    @Test
    void anonymousFetchesTheDiscoveryDocumentAsBareJson() throws Exception {
        String issuer = r.getURL() + "aws-oidc-role";

        WebResponse response = r.createWebClient()
                .goTo(DISCOVERY, IssuerDocuments.CONTENT_TYPE)
                .getWebResponse();

        Map<String, Object> discovery = JSONObjectUtils.parse(response.getContentAsString());
        assertThat(discovery)
                .containsEntry("issuer", issuer)
                .containsEntry("jwks_uri", issuer + "/jwks")
                .doesNotContainKey("status");
        assertThat(JSONObjectUtils.getStringList(discovery, "id_token_signing_alg_values_supported"))
                .contains("RS256");
        assertThat(response.getResponseHeaderValue("Cache-Control")).isEqualTo(IssuerDocumentResponder.CACHE_CONTROL);
    }

    @Test
    void anonymousFetchesTheJwksWithPublicSigningKeysOnly() throws Exception {
        JWKSet jwks = fetchJwks();

        assertThat(jwks.getKeys()).isNotEmpty();
        for (JWK key : jwks.getKeys()) {
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
            assertThat(key.isPrivate()).isFalse();
        }
    }

    @Test
    void aMintedTokenVerifiesAgainstTheJwksAnonymousFetched() throws Exception {
        String issuer = r.getURL() + "aws-oidc-role";
        MintedToken token = AwsRoleConfiguration.get()
                .issuer()
                .mint(TokenRequest.of(
                        BuildIdentity.ofJob("team/app", 42, r.getURL() + "job/team/job/app/42/"), "deploy"));

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(fetchJwks())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                TokenRequest.DEFAULT_AUDIENCE,
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject(token.subject())
                        .build(),
                Set.of("iat", "nbf", "exp", "jti")));
        JWTClaimsSet claims = processor.process(token.token(), null);

        assertThat(claims.getClaim("jenkins_job")).isEqualTo("team/app");
    }

    @Test
    void nothingElseIsServedBelowTheIssuer() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();

        wc.assertFails("aws-oidc-role/", 404);
        wc.assertFails("aws-oidc-role/foo", 404);
        wc.assertFails("aws-oidc-role/jwks/foo", 404);
        wc.assertFails("aws-oidc-role/.well-known/jwks", 404);
        wc.assertFails("aws-oidc-role/.well-known/openid-configuration/jwks", 404);
    }

    @Test
    void anonymousAndReadersCannotRotateTheKey() throws Exception {
        String kid = currentKid();

        assertThat(postRotateNow(r.createWebClient()).getStatusCode()).isEqualTo(403);
        assertThat(postRotateNow(r.createWebClient().login("reader")).getStatusCode())
                .isEqualTo(403);

        assertThat(currentKid()).isEqualTo(kid);
    }

    @Test
    void anAdministratorRotatesAndTheOldKeyStaysPublished() throws Exception {
        String oldKid = currentKid();

        WebResponse response = postRotateNow(r.createWebClient().login("admin"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        String newKid = currentKid();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(response.getContentAsString()).contains(newKid);
        JWKSet jwks = fetchJwks();
        assertThat(jwks.getKeyByKeyId(oldKid)).isNotNull();
        assertThat(jwks.getKeyByKeyId(newKid)).isNotNull();
    }

    /**
     * Without a configured Jenkins URL, Jenkins would build one from the request's {@code Host} and
     * {@code X-Forwarded-*} headers: a caller could then choose the published {@code jwks_uri}, cached publicly, and the
     * issuer that tokens are signed for. The endpoint answers 503 instead, and no document names the forged host.
     */
    @Test
    void withoutAJenkinsUrlForgedHostHeadersGetUnavailableNeverTheirHost() throws Exception {
        JenkinsLocationConfiguration.get().setUrl(null);
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        for (String path : new String[] {DISCOVERY, JWKS}) {
            WebRequest forwarded = new WebRequest(new URL(r.getURL(), path));
            forwarded.setAdditionalHeader("X-Forwarded-Host", "evil.example");
            forwarded.setAdditionalHeader("X-Forwarded-Proto", "https");
            WebRequest host = new WebRequest(new URL(r.getURL(), path));
            host.setAdditionalHeader("Host", "evil.example:" + r.getURL().getPort());
            for (WebRequest request : new WebRequest[] {forwarded, host}) {
                WebResponse response = wc.getPage(request).getWebResponse();

                assertThat(response.getStatusCode()).as(path).isEqualTo(503);
                assertThat(response.getContentAsString())
                        .contains("Jenkins URL")
                        .doesNotContain("evil.example");
                assertThat(response.getResponseHeaderValue("Cache-Control")).isEqualTo("no-store");
            }
        }
        assertThatThrownBy(() -> AwsRoleConfiguration.get().issuer())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Jenkins URL");
    }

    @Test
    void anonymousReadersAndGetRequestsCannotRevokeTheKey() throws Exception {
        String kid = currentKid();

        assertThat(post(r.createWebClient(), REVOKE_KEY_NOW).getStatusCode()).isEqualTo(403);
        assertThat(post(r.createWebClient().login("reader"), REVOKE_KEY_NOW).getStatusCode())
                .isEqualTo(403);
        WebRequest get = new WebRequest(new URL(r.getURL(), REVOKE_KEY_NOW));
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        assertThat(admin.withThrowExceptionOnFailingStatusCode(false)
                        .getPage(get)
                        .getWebResponse()
                        .getStatusCode())
                .isNotEqualTo(200);

        assertThat(currentKid()).isEqualTo(kid);
        assertThat(fetchJwks().getKeyByKeyId(kid)).isNotNull();
    }

    /** A compromised key: it leaves the JWKS at once (no overlap as with rotation), and the revocation is audited. */
    @Test
    void anAdministratorRevokesTheKeyAndItLeavesTheJwksAtOnce() throws Exception {
        String rotatedAway = currentKid();
        postRotateNow(r.createWebClient().login("admin"));
        String compromised = currentKid();
        assertThat(fetchJwks().getKeyByKeyId(rotatedAway)).isNotNull();

        WebResponse response = post(r.createWebClient().login("admin"), REVOKE_KEY_NOW);

        assertThat(response.getStatusCode()).isEqualTo(200);
        String fresh = currentKid();
        assertThat(fresh).isNotIn(compromised, rotatedAway);
        assertThat(response.getContentAsString())
                .contains(compromised)
                .contains(fresh)
                .contains("fail");
        JWKSet jwks = fetchJwks();
        assertThat(jwks.getKeys()).extracting(JWK::getKeyID).containsExactly(fresh);
        assertThat(AwsRoleService.get().audit().recent(100))
                .filteredOn(e -> e.kind() == AuditEvent.Kind.KEY_REVOKED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.job()).isEqualTo(ControllerAudit.JOB);
                    assertThat(e.message())
                            .contains(compromised)
                            .contains(rotatedAway)
                            .contains("admin");
                });
    }

    private JWKSet fetchJwks() throws Exception {
        return JWKSet.parse(r.createWebClient()
                .goTo(JWKS, IssuerDocuments.CONTENT_TYPE)
                .getWebResponse()
                .getContentAsString());
    }

    private static String currentKid() {
        return AwsRoleConfiguration.get().issuer().exportState().current().kid();
    }

    /** POSTs "rotate now" with a valid crumb and answers the response whatever its status. */
    private static WebResponse postRotateNow(JenkinsRule.WebClient wc) throws Exception {
        return post(wc, ROTATE_NOW);
    }

    /** POSTs to a button's URL with a valid crumb and answers the response whatever its status. */
    private static WebResponse post(JenkinsRule.WebClient wc, String path) throws Exception {
        WebRequest request = new WebRequest(wc.createCrumbedUrl(path), HttpMethod.POST);
        // Sent as a script sends it, Jenkins refuses an anonymous request with a bare 403 rather than a login page
        // that the browser would follow.
        request.setAdditionalHeader("X-Requested-With", "XMLHttpRequest");
        Page page = wc.withThrowExceptionOnFailingStatusCode(false).getPage(request);
        return page.getWebResponse();
    }
}
