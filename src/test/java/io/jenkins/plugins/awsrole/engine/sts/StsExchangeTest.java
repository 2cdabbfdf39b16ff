package io.jenkins.plugins.awsrole.engine.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.fakeaws.AwsFixture;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exchange through the real AWS SDK against the local AWS server: the happy path and each refusal. */
class StsExchangeTest {

    static final String SUB = "job:team/app:stage:deploy";

    private AwsFixture world;
    private StsExchange exchange;
    private FakeRole role;
    private String sessionName;

    @BeforeEach
    void start() throws Exception {
        world = AwsFixture.start();
        role = world.roleFor("deploy", SUB);
        exchange = new StsExchange(RetryPolicy.DEFAULT, d -> {}, world.clock, new SplittableRandom(1));
        sessionName = SessionNames.forBlock("team/app", 42, "7");
    }

    @AfterEach
    void stop() {
        exchange.close();
        world.close();
    }

    private ExchangeRequest.Builder request(String token) {
        return ExchangeRequest.builder()
                .roleArn(role.arn())
                .sessionName(sessionName)
                .webIdentityToken(token)
                .region("us-east-1")
                .endpoint(world.aws.endpoint());
    }

    private StsExchangeException refusal(ExchangeRequest request) {
        StsExchangeException e = catchThrowableOfType(StsExchangeException.class, () -> exchange.exchange(request));
        assertThat(e).as("STS should have refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain(request.webIdentityToken());
        return e;
    }

    @Test
    void tradesTheTokenForCredentialsOfTheRole() throws Exception {
        RoleSession session = exchange.exchange(
                request(world.issuer.token(SUB, AwsFixture.AUDIENCE)).build());

        IssuedSession issued = world.aws.sessions().get(0);
        assertThat(session.accessKeyId()).startsWith("ASIA").hasSize(20).isEqualTo(issued.accessKeyId());
        assertThat(session.secretAccessKey()).hasSize(40).isEqualTo(issued.secretAccessKey());
        assertThat(session.sessionToken()).isEqualTo(issued.sessionToken());
        assertThat(session.expiration()).isEqualTo(world.clock.instant().plusSeconds(3600));
        assertThat(session.issuedAt()).as("aws:TokenIssueTime").isEqualTo(issued.issuedAt());
        assertThat(session.assumedRoleArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/deploy/" + sessionName);
        assertThat(session.assumedRoleId()).isEqualTo(role.roleId() + ":" + sessionName);
        assertThat(session.sessionName()).isEqualTo(sessionName);
        assertThat(session.subject()).isEqualTo(SUB);
        assertThat(session.audience()).isEqualTo(AwsFixture.AUDIENCE);
        assertThat(session.toString())
                .contains(session.assumedRoleArn())
                .doesNotContain(session.secretAccessKey())
                .doesNotContain(session.sessionToken());
    }

    @Test
    void acceptsEs256TokensAndPassesDurationAndPolicies() throws Exception {
        FakeRole longRole = world.aws.createRole("long", role.trustPolicy(), 7200);
        String token = world.issuer.mintEs256(
                world.issuer.claims(SUB, AwsFixture.AUDIENCE).build());
        RoleSession session = exchange.exchange(request(token)
                .roleArn(longRole.arn())
                .durationSeconds(7200)
                .sessionPolicy(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\","
                                + "\"Resource\":\"*\"}]}")
                .policyArns(List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"))
                .build());

        assertThat(session.expiration()).isEqualTo(world.clock.instant().plusSeconds(7200));
        assertThat(session.issuedAt()).isEqualTo(world.clock.instant());
        assertThat(session.assumedRoleArn()).endsWith(":assumed-role/long/" + sessionName);
    }

    @Test
    void fetchesTheIssuerKeysOnceForManyExchanges() throws Exception {
        exchange.exchange(request(world.issuer.token(SUB, AwsFixture.AUDIENCE)).build());
        exchange.exchange(request(world.issuer.token(SUB, AwsFixture.AUDIENCE)).build());

        assertThat(world.aws.sessions()).hasSize(2);
        assertThat(world.aws.issuerFetches(world.issuer.issuer())).isEqualTo(1);
    }

    @Test
    void wrongSubjectIsRefusedWithTheConditionThatWouldMatch() {
        String otherSub = "job:team/other:stage:deploy";
        StsExchangeException e = refusal(
                request(world.issuer.token(otherSub, AwsFixture.AUDIENCE)).build());

        String prefix = world.issuer.issuer().replaceFirst("^http://", "");
        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage())
                .contains("Not authorized to perform sts:AssumeRoleWithWebIdentity")
                .contains("sub \"" + otherSub + "\"")
                .contains("aud \"sts.amazonaws.com\"")
                .contains("\"" + prefix + ":aud\": \"sts.amazonaws.com\"")
                .contains("\"" + prefix + ":sub\": \"" + otherSub + "\"")
                .contains("arn:aws:iam::123456789012:oidc-provider/" + prefix);
        assertThat(world.aws.sessions()).isEmpty();
    }

    @Test
    void audienceTheProviderDoesNotListIsRefused() {
        StsExchangeException e =
                refusal(request(world.issuer.token(SUB, "my-app")).build());

        assertThat(e.code()).isEqualTo("InvalidIdentityToken");
        assertThat(e.getMessage()).contains("Incorrect token audience").contains("\"my-app\"");
    }

    @Test
    void audienceTheTrustPolicyDoesNotAllowIsAccessDenied() {
        world.aws.createOidcProvider(world.issuer.issuer(), AwsFixture.AUDIENCE, "other-audience");
        StsExchangeException e =
                refusal(request(world.issuer.token(SUB, "other-audience")).build());

        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).contains(":aud\": \"other-audience\"");
    }

    @Test
    void expiredTokenIsRefusedAndBlamesTheClock() {
        String token = world.issuer.token(SUB, AwsFixture.AUDIENCE);
        world.clock.advance(Duration.ofMinutes(6));

        StsExchangeException e = refusal(request(token).build());

        assertThat(e.code()).isEqualTo("ExpiredTokenException");
        assertThat(e.getMessage()).contains("Token expired").contains("clock").contains("NTP");
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void tokenOlderThanStsAcceptsIsRefused() {
        world.aws.maxTokenAge(Duration.ofMinutes(1));
        String token = world.issuer.mint(world.issuer
                .claims(SUB, AwsFixture.AUDIENCE)
                .expirationTime(java.util.Date.from(world.clock.instant().plus(Duration.ofHours(1))))
                .build());
        world.clock.advance(Duration.ofMinutes(2));

        StsExchangeException e = refusal(request(token).build());

        assertThat(e.code()).isEqualTo("ExpiredTokenException");
        assertThat(e.getMessage()).contains("Token too old: 120");
    }

    @Test
    void tokenSignedWithAnUnpublishedKeyIsRefusedNamingTheIssuer() throws Exception {
        exchange.exchange(request(world.issuer.token(SUB, AwsFixture.AUDIENCE)).build());
        String token = world.issuer.mintWithUnpublishedKey(
                world.issuer.claims(SUB, AwsFixture.AUDIENCE).build());

        StsExchangeException e = refusal(request(token).build());

        assertThat(e.code()).isEqualTo("InvalidIdentityToken");
        assertThat(e.getMessage())
                .contains("Couldn't retrieve verification key")
                .contains(world.issuer.issuer())
                .contains("public HTTPS")
                .contains("/.well-known/openid-configuration")
                .contains("jwks_uri");
        // The unknown kid made the server look again (a rotated key set), beyond the cached one.
        assertThat(world.aws.issuerFetches(world.issuer.issuer())).isEqualTo(2);
    }

    @Test
    void durationOverTheRoleMaximumNamesTheRoleSetting() {
        StsExchangeException e = refusal(request(world.issuer.token(SUB, AwsFixture.AUDIENCE))
                .durationSeconds(7200)
                .build());

        assertThat(e.code()).isEqualTo("ValidationError");
        assertThat(e.getMessage())
                .contains("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
                .contains("7200")
                .contains("--max-session-duration 7200")
                .contains("deploy");
    }

    @Test
    void sessionTagsNeedTagSessionInTheTrustPolicy() throws Exception {
        String token = world.issuer.mint(world.issuer
                .claims(SUB, AwsFixture.AUDIENCE)
                .claim(
                        "https://aws.amazon.com/tags",
                        Map.of("principal_tags", Map.of("job", List.of("team-app")), "transitive_tag_keys", List.of()))
                .build());

        StsExchangeException e = refusal(request(token).build());
        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).contains("\"sts:TagSession\"").contains("carries session tags");

        role.trustPolicy(io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws.trustPolicy(
                world.providerArn, AwsFixture.AUDIENCE, SUB, "sts:TagSession"));
        assertThat(exchange.exchange(request(token).build()).assumedRoleArn()).endsWith(sessionName);
        assertThat(world.aws.sessions().get(0).principalTags()).containsEntry("job", "team-app");
    }

    @Test
    void sourceIdentityNeedsSetSourceIdentityInTheTrustPolicy() {
        String token = world.issuer.mint(world.issuer
                .claims(SUB, AwsFixture.AUDIENCE)
                .claim("https://aws.amazon.com/source_identity", "team-app-42")
                .build());

        StsExchangeException e = refusal(request(token).build());

        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).contains("\"sts:SetSourceIdentity\"");
    }

    @Test
    void issuerWithoutAnIamProviderIsRefused() throws Exception {
        try (var stranger = io.jenkins.plugins.awsrole.engine.fakeaws.TestIssuer.start(world.clock)) {
            StsExchangeException e =
                    refusal(request(stranger.token(SUB, AwsFixture.AUDIENCE)).build());

            assertThat(e.code()).isEqualTo("InvalidIdentityToken");
            assertThat(e.getMessage())
                    .contains("No OpenIDConnect provider found")
                    .contains("has no IAM OIDC identity provider for the issuer " + stranger.issuer());
        }
    }

    @Test
    void invalidSessionPolicyIsMalformedPolicyDocument() {
        StsExchangeException e = refusal(request(world.issuer.token(SUB, AwsFixture.AUDIENCE))
                .sessionPolicy("{\"Statement\": [")
                .build());

        assertThat(e.code()).isEqualTo("MalformedPolicyDocument");
        assertThat(e.getMessage()).contains("session policy");
    }

    @Test
    void unknownRoleIsAccessDenied() {
        StsExchangeException e = refusal(request(world.issuer.token(SUB, AwsFixture.AUDIENCE))
                .roleArn("arn:aws:iam::123456789012:role/missing")
                .build());

        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).contains("role missing exists in account 123456789012");
    }

    @Test
    void aLoopOverRegionsKeepsABoundedNumberOfClients() throws Exception {
        for (int i = 1; i <= StsExchange.MAX_CLIENTS * 3; i++) {
            exchange.exchange(request(world.issuer.token(SUB, AwsFixture.AUDIENCE))
                    .region("us-test-" + i)
                    .build());
        }

        assertThat(world.aws.sessions()).hasSize(StsExchange.MAX_CLIENTS * 3);
        assertThat(exchange.cachedClients()).isEqualTo(StsExchange.MAX_CLIENTS);
    }
}
