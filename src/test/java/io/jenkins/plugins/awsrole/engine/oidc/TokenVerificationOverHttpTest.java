package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tokens verified from the issuer's documents fetched over real HTTP, by two independent JWT libraries. */
class TokenVerificationOverHttpTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final BuildIdentity PR_BUILD = new BuildIdentity(
            "team/app/PR-12",
            42,
            "https://jenkins.example.com/job/team/job/app/job/PR-12/42/",
            "PR-12",
            "12",
            false,
            true);

    private final TestClock clock = new TestClock(START);
    private IssuerHttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new IssuerHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private OidcIssuer issuer(SigningAlgorithm algorithm) {
        OidcIssuer issuer = OidcIssuer.create(
                IssuerSettings.defaults(server.issuerUrl()).withAlgorithm(algorithm), null, clock, state -> {});
        server.serve(issuer);
        return issuer;
    }

    private static TokenRequest fullRequest() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Project", "app");
        tags.put("Stage", "deploy");
        return TokenRequest.of(PR_BUILD, "deploy")
                .withSubjectTemplate(
                        SubjectTemplate.parse("job:${job}:ref_type:${ref_type}:branch:${branch}:stage:${stage}"))
                .withSessionTags(new SessionTags(tags, List.of("Project")))
                .withSourceIdentity("team.app@42");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void nimbusVerifiesTokensFromTheDocumentsItFetches(SigningAlgorithm algorithm) throws Exception {
        OidcIssuer issuer = issuer(algorithm);
        MintedToken minted = issuer.mint(fullRequest());

        JWTClaimsSet claims = Verifiers.nimbus(minted.token(), server.issuerUrl(), "sts.amazonaws.com", START);

        assertThat(claims.getIssuer()).isEqualTo(server.issuerUrl().value());
        assertThat(claims.getSubject())
                .isEqualTo("job:team/app/PR-12:ref_type:change_request:branch:PR-12:stage:deploy");
        assertThat(claims.getAudience()).containsExactly("sts.amazonaws.com");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(START);
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(START);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(START.plusSeconds(300));
        assertThat(claims.getJWTID()).isEqualTo(minted.jwtId()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(claims.getStringClaim("jenkins_job")).isEqualTo("team/app/PR-12");
        assertThat(claims.getStringClaim("jenkins_folder"))
                .as("the folder of the multibranch project the change request's job is in")
                .isEqualTo("team");
        assertThat(claims.getLongClaim("jenkins_build_number")).isEqualTo(42L);
        assertThat(claims.getStringClaim("jenkins_build_url")).isEqualTo(PR_BUILD.buildUrl());
        assertThat(claims.getStringClaim("jenkins_stage")).isEqualTo("deploy");
        assertThat(claims.getStringClaim("jenkins_branch")).isEqualTo("PR-12");
        assertThat(claims.getStringClaim("jenkins_change_id")).isEqualTo("12");
        assertThat(claims.getStringClaim("jenkins_ref_type")).isEqualTo("change_request");
        assertThat(claims.getClaims()).doesNotContainKey("jenkins_tag");
        assertThat(claims.getBooleanClaim("jenkins_replay")).isTrue();
        assertThat(claims.getStringClaim("https://aws.amazon.com/source_identity"))
                .isEqualTo("team.app@42");
        assertThat(claims.getJSONObjectClaim("https://aws.amazon.com/tags"))
                .isEqualTo(Map.of(
                        "principal_tags", Map.of("Project", List.of("app"), "Stage", List.of("deploy")),
                        "transitive_tag_keys", List.of("Project")));
    }

    /** A tag build's token says it is of a tag, and never names the tag as a branch. */
    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void aTagBuildsTokenCarriesTheTagAndItsRefType(SigningAlgorithm algorithm) throws Exception {
        OidcIssuer issuer = issuer(algorithm);
        BuildIdentity tag = BuildIdentity.ofTag("team/app/v1.0", 3, null, "v1.0", false);
        MintedToken minted = issuer.mint(TokenRequest.of(tag, "deploy")
                .withSubjectTemplate(
                        SubjectTemplate.parse("job:${job}:ref_type:${ref_type}:tag:${tag}:stage:${stage}")));

        JWTClaimsSet claims = Verifiers.nimbus(minted.token(), server.issuerUrl(), "sts.amazonaws.com", START);

        assertThat(claims.getSubject()).isEqualTo("job:team/app/v1.0:ref_type:tag:tag:v1.0:stage:deploy");
        assertThat(claims.getStringClaim("jenkins_tag")).isEqualTo("v1.0");
        assertThat(claims.getStringClaim("jenkins_ref_type")).isEqualTo("tag");
        assertThat(claims.getClaims()).doesNotContainKeys("jenkins_branch", "jenkins_change_id");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void jose4jVerifiesTokensFromTheDocumentsItFetches(SigningAlgorithm algorithm) throws Exception {
        OidcIssuer issuer = issuer(algorithm);
        MintedToken minted = issuer.mint(fullRequest().withAudience("my-client").withLifetime(Duration.ofHours(1)));

        JwtClaims claims = Verifiers.jose4j(minted.token(), server.issuerUrl(), "my-client", START.plusSeconds(3599));

        assertThat(claims.getSubject()).isEqualTo(minted.subject());
        assertThat(claims.getExpirationTime().getValue()).isEqualTo(START.getEpochSecond() + 3600);
        assertThat(claims.getClaimValue("jenkins_build_number", Long.class)).isEqualTo(42L);
        assertThat(claims.getClaimValue("jenkins_replay", Boolean.class)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void headerAndTimesAreWhatStsExpects(SigningAlgorithm algorithm) throws Exception {
        OidcIssuer issuer = issuer(algorithm);
        clock.set(START.plusMillis(999)); // fractions of a second must not leak into NumericDate claims
        MintedToken minted = issuer.mint(TokenRequest.of(BuildIdentity.ofJob("app", 7, null), "build"));
        SignedJWT jwt = SignedJWT.parse(minted.token());

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(algorithm.joseName());
        assertThat(jwt.getHeader().getKeyID())
                .isEqualTo(issuer.exportState().current().kid());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        String payload = jwt.getPayload().toString();
        assertThat(payload)
                .contains("\"iat\":" + START.getEpochSecond() + ",")
                .contains("\"nbf\":" + START.getEpochSecond() + ",")
                .contains("\"exp\":" + (START.getEpochSecond() + 300))
                .contains("\"aud\":\"sts.amazonaws.com\"")
                .doesNotContain("jenkins_branch", "jenkins_change_id", "jenkins_build_url", "null", "amazon.com");
        assertThat(minted.token().length()).isLessThan(20000);
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void tamperedPayloadIsRejected(SigningAlgorithm algorithm) throws Exception {
        OidcIssuer issuer = issuer(algorithm);
        String[] parts = issuer.mint(fullRequest()).token().split("\\.");
        Map<String, Object> claims = JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString());
        claims.put("sub", "job:team/app/main:stage:deploy");
        String forged = parts[0] + "."
                + Base64URL.encode(JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];

        assertThatThrownBy(() -> Verifiers.nimbus(forged, server.issuerUrl(), "sts.amazonaws.com", START))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("Invalid signature");
        assertThatThrownBy(() -> Verifiers.jose4j(forged, server.issuerUrl(), "sts.amazonaws.com", START))
                .isInstanceOf(InvalidJwtException.class)
                .hasMessageContaining("signature");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void tokenOfAKeyNotPublishedIsRejected(SigningAlgorithm algorithm) throws Exception {
        issuer(algorithm);
        // Same issuer URL, different key: what a token signed by an attacker's or a lost key looks like.
        OidcIssuer impostor = OidcIssuer.create(
                IssuerSettings.defaults(server.issuerUrl()).withAlgorithm(algorithm), null, clock, state -> {});
        String token = impostor.mint(fullRequest()).token();

        assertThatThrownBy(() -> Verifiers.nimbus(token, server.issuerUrl(), "sts.amazonaws.com", START))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("no matching key");
        assertThatThrownBy(() -> Verifiers.jose4j(token, server.issuerUrl(), "sts.amazonaws.com", START))
                .isInstanceOf(InvalidJwtException.class)
                .hasMessageContaining("kid");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void wrongAudienceIsRejected(SigningAlgorithm algorithm) throws Exception {
        OidcIssuer issuer = issuer(algorithm);
        String token = issuer.mint(fullRequest().withAudience("other-client")).token();

        assertThatThrownBy(() -> Verifiers.nimbus(token, server.issuerUrl(), "sts.amazonaws.com", START))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("aud claim rejected");
        assertThatThrownBy(() -> Verifiers.jose4j(token, server.issuerUrl(), "sts.amazonaws.com", START))
                .isInstanceOf(InvalidJwtException.class)
                .hasMessageContaining("Audience");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void expiredTokenIsRejected(SigningAlgorithm algorithm) throws Exception {
        OidcIssuer issuer = issuer(algorithm);
        String token =
                issuer.mint(fullRequest().withLifetime(Duration.ofSeconds(60))).token();
        Instant wellAfterExpiry = START.plusSeconds(60 + 61 + 1); // beyond both libraries' 60 s skew allowance

        assertThat(Verifiers.nimbus(token, server.issuerUrl(), "sts.amazonaws.com", START.plusSeconds(59)))
                .isNotNull();
        assertThatThrownBy(() -> Verifiers.nimbus(token, server.issuerUrl(), "sts.amazonaws.com", wellAfterExpiry))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("Expired");
        assertThatThrownBy(() -> Verifiers.jose4j(token, server.issuerUrl(), "sts.amazonaws.com", wellAfterExpiry))
                .isInstanceOf(InvalidJwtException.class)
                .hasMessageContaining("no longer valid");
    }
}
