package io.jenkins.plugins.awsrole.engine.sts;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every STS error code of AWS-FACTS §1.6 (and the transient ones) becomes a message that says what to fix. */
class StsErrorTranslatorTest {

    private static final String ISSUER = "https://jenkins.example.com/aws-oidc-role";
    private static final String SUB = "job:team/app:stage:deploy";
    private static final String TOKEN = token(Map.of());

    private static String token(Map<String, Object> extra) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(SUB)
                .audience("sts.amazonaws.com")
                .claim("padding", "x".repeat(40));
        extra.forEach(claims::claim);
        // A real signature is not needed: the translator only reads claims. The parts look like a real RS256 token.
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims.build().toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu";
    }

    private static ExchangeRequest request(String token) {
        return ExchangeRequest.builder()
                .roleArn("arn:aws:iam::111122223333:role/deploy-prod")
                .sessionName("team.app@42-7")
                .webIdentityToken(token)
                .region("eu-central-1")
                .durationSeconds(7200)
                .sessionPolicy("{\"Version\":\"2012-10-17\"}")
                .policyArns(List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"))
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            InvalidIdentityToken    | 400 | Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements | false | must be public HTTPS
            IDPRejectedClaim        | 403 | Token rejected                                      | false | audiences (client IDs)
            IDPCommunicationError   | 400 | Couldn't reach the identity provider                | true  | reachable from the internet
            ExpiredTokenException   | 400 | Token expired: current date/time 1731098245 must be before the expiration date/time 1731095240 | false | clock skew
            MalformedPolicyDocument | 400 | Syntax errors in policy.                            | false | session policy of this mapping
            PackedPolicyTooLarge    | 400 | Packed policy consumes 112% of allotted space       | false | 1 managed policy ARN(s)
            RegionDisabledException | 403 | STS is not activated in this region                 | false | region eu-central-1 for account 111122223333
            AccessDenied            | 403 | Not authorized to perform sts:AssumeRoleWithWebIdentity | false | jenkins.example.com/aws-oidc-role:sub
            ValidationError         | 400 | The requested DurationSeconds exceeds the MaxSessionDuration set for this role. | false | --max-session-duration 7200
            Throttling              | 400 | Rate exceeded                                       | true  | try again later
            ThrottlingException     | 400 | Rate exceeded                                       | true  | try again later
            RequestLimitExceeded    | 400 | Request limit exceeded                              | true  | try again later
            InternalFailure         | 500 | An internal error occurred                          | true  | AWS Health Dashboard
            ServiceUnavailable      | 503 | Service unavailable                                 | true  | AWS Health Dashboard
            InvalidClientTokenId    | 403 | The security token included in the request is invalid | false | endpoint override
            """)
    void everyCodeSaysWhatHappenedAndWhatToFix(
            String code, int status, String awsMessage, boolean transientFailure, String advice) {
        ExchangeRequest request = request(TOKEN);

        StsExchangeException e = StsErrorTranslator.translate(code, status, awsMessage, request, 3);

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.isTransient()).isEqualTo(transientFailure);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage())
                .startsWith("STS refused AssumeRoleWithWebIdentity for role arn:aws:iam::111122223333:role/deploy-prod"
                        + " with " + code + " (\"" + awsMessage + "\"). ")
                .contains(advice);
        assertNoSecret(e.getMessage(), request.webIdentityToken());
    }

    @Test
    void accessDeniedQuotesSubAndAudAndAMatchingCondition() {
        StsExchangeException e = StsErrorTranslator.translate(
                "AccessDenied", 403, "Not authorized to perform sts:AssumeRoleWithWebIdentity", request(TOKEN), 1);

        assertThat(e.getMessage())
                .contains("sub \"" + SUB + "\" and aud \"sts.amazonaws.com\"")
                .contains("issued by " + ISSUER)
                .contains(
                        "\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/jenkins.example.com/aws-oidc-role\"")
                .contains("\"Condition\": {\n  \"StringEquals\": {\n"
                        + "    \"jenkins.example.com/aws-oidc-role:aud\": \"sts.amazonaws.com\",\n"
                        + "    \"jenkins.example.com/aws-oidc-role:sub\": \"job:team/app:stage:deploy\"\n  }\n}")
                .doesNotContain("sts:TagSession");
    }

    @Test
    void conditionSnippetIsValidJsonEvenForOddSubjects() throws Exception {
        UnverifiedClaims claims =
                new UnverifiedClaims(ISSUER, "job:a \"quoted\" \\ name:stage:x", "sts.amazonaws.com", false, false);

        String snippet = StsErrorTranslator.conditionSnippet(claims.conditionKeyPrefix(), claims);

        Map<String, Object> parsed = com.nimbusds.jose.util.JSONObjectUtils.parse("{" + snippet + "}");
        assertThat(parsed.toString()).contains("job:a \"quoted\" \\ name:stage:x");
    }

    @Test
    void accessDeniedForATaggedTokenAsksForTagSessionAndSetSourceIdentity() {
        String tagged = token(Map.of(
                UnverifiedClaims.TAGS_CLAIM,
                Map.of("principal_tags", Map.of("job", List.of("app"))),
                UnverifiedClaims.SOURCE_IDENTITY_CLAIM,
                "app-42"));

        StsExchangeException e = StsErrorTranslator.translate("AccessDenied", 403, "", request(tagged), 1);

        assertThat(e.getMessage())
                .contains("\"sts:AssumeRoleWithWebIdentity\", \"sts:TagSession\", \"sts:SetSourceIdentity\"")
                .contains("carries session tags")
                .contains("carries a source identity");
    }

    @Test
    void invalidIdentityTokenVariantsPointAtTheRightFix() {
        ExchangeRequest request = request(TOKEN);
        assertThat(StsErrorTranslator.translate(
                                "InvalidIdentityToken",
                                400,
                                "No OpenIDConnect provider found in your account for " + ISSUER,
                                request,
                                1)
                        .getMessage())
                .contains("Account 111122223333 has no IAM OIDC identity provider for the issuer " + ISSUER);
        assertThat(StsErrorTranslator.translate("InvalidIdentityToken", 400, "Incorrect token audience", request, 1)
                        .getMessage())
                .contains("aud \"sts.amazonaws.com\" is not an audience (client ID)");
    }

    @Test
    void validationErrorOtherThanDurationNamesTheParameters() {
        StsExchangeException e = StsErrorTranslator.translate(
                "ValidationError",
                400,
                "1 validation error detected: Value at 'policy' failed to satisfy constraint",
                request(TOKEN),
                1);

        assertThat(e.getMessage()).contains("session policy (at most 2,048").doesNotContain("max-session-duration");
    }

    @Test
    void awsMessageThatEchoesTheTokenIsScrubbed() {
        ExchangeRequest request = request(TOKEN);
        String[] parts = TOKEN.split("\\.");

        StsExchangeException e = StsErrorTranslator.translate(
                "InvalidIdentityToken", 400, "bad token " + TOKEN + " payload " + parts[1], request, 1);

        assertNoSecret(e.getMessage(), TOKEN);
        assertThat(e.getMessage()).contains("<token>");
    }

    @Test
    void unreadableTokenStillGivesAMessage() {
        StsExchangeException e =
                StsErrorTranslator.translate("AccessDenied", 403, "Not authorized", request("not-a-jwt"), 1);

        assertThat(e.getMessage()).contains("no readable iss claim").contains("<issuer host and path>:sub");
    }

    @Test
    void networkFailureNamesTheEndpointAndRegion() {
        StsExchangeException e = StsErrorTranslator.noAnswer(
                StsExchangeException.CODE_NETWORK, "SocketException: Connection reset", request(TOKEN), 4);

        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage())
                .contains("https://sts.eu-central-1.amazonaws.com")
                .contains("Connection reset")
                .contains("4 times");
    }

    @Test
    void requestAndExceptionNeverShowTheToken() {
        ExchangeRequest request = request(TOKEN);
        assertThat(request.toString()).doesNotContain(TOKEN).contains("webIdentityToken=****");
    }

    @Test
    void transientCodesAreExactlyThrottlingServerAndIdpCommunication() {
        for (String code :
                List.of("Throttling", "ThrottlingException", "RequestLimitExceeded", "IDPCommunicationError")) {
            assertThat(StsErrorTranslator.isTransient(code, 400)).as(code).isTrue();
        }
        assertThat(StsErrorTranslator.isTransient("InternalFailure", 500)).isTrue();
        for (String code : List.of(
                "AccessDenied",
                "InvalidIdentityToken",
                "ExpiredTokenException",
                "ValidationError",
                "MalformedPolicyDocument",
                "PackedPolicyTooLarge",
                "RegionDisabledException",
                "IDPRejectedClaim")) {
            assertThat(StsErrorTranslator.isTransient(code, 400)).as(code).isFalse();
        }
    }

    private static void assertNoSecret(String message, String token) {
        assertThat(message).doesNotContain(token);
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(message).doesNotContain(part);
            }
        }
    }
}
