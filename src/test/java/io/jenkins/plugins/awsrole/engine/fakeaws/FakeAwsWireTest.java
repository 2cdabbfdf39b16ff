package io.jenkins.plugins.awsrole.engine.fakeaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The raw wire format: query-string requests, response envelope, headers and AWS-style validation errors. */
class FakeAwsWireTest {

    private static final String SUB = "job:wire:stage:test";

    private AwsFixture world;
    private FakeRole role;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        world = AwsFixture.start();
        role = world.roleFor("wire", SUB);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(world.aws.endpoint() + "/?" + query))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void getWithQueryStringIsAnsweredWithTheAwsEnvelope() throws Exception {
        HttpResponse<String> response = get("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&DurationSeconds=900"
                + "&RoleSessionName=app1&RoleArn=" + enc(role.arn()) + "&WebIdentityToken="
                + enc(world.issuer.token(SUB, AwsFixture.AUDIENCE)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(response.body())
                .startsWith("<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                        + "  <AssumeRoleWithWebIdentityResult>")
                .contains("<SubjectFromWebIdentityToken>" + SUB + "</SubjectFromWebIdentityToken>")
                .contains("<Arn>arn:aws:sts::123456789012:assumed-role/wire/app1</Arn>")
                .containsPattern("<AccessKeyId>ASIA[A-Z2-7]{16}</AccessKeyId>")
                .containsPattern("<Expiration>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ</Expiration>")
                .contains("<Provider>" + world.issuer.issuer() + "</Provider>")
                .endsWith("  <ResponseMetadata>\n    <RequestId>" + requestId + "</RequestId>\n  </ResponseMetadata>\n"
                        + "</AssumeRoleWithWebIdentityResponse>\n");
        assertThat(response.body().indexOf("</AssumeRoleWithWebIdentityResult>"))
                .isLessThan(response.body().indexOf("<ResponseMetadata>"));
    }

    @Test
    void invalidParametersGetOneValidationErrorListingAll() throws Exception {
        HttpResponse<String> response = get("Action=AssumeRoleWithWebIdentity&Version=2011-06-15"
                + "&RoleSessionName=bad%20name&DurationSeconds=60&WebIdentityToken=abcdef");

        assertThat(response.statusCode()).isEqualTo(400);
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(response.body())
                .isEqualTo("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n"
                        + "    <Type>Sender</Type>\n    <Code>ValidationError</Code>\n    <Message>3 validation errors"
                        + " detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null;"
                        + " Value 'bad name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy"
                        + " regular expression pattern: [\\w+=,.@-]*; Value '60' at 'durationSeconds' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 900</Message>\n  </Error>\n"
                        + "  <RequestId>" + requestId + "</RequestId>\n</ErrorResponse>\n");
        assertThat(response.body()).doesNotContain("abcdef");
    }

    @Test
    void unknownActionOrVersionIsInvalidAction() throws Exception {
        HttpResponse<String> response = get("Action=AssumeRoleWithSAML&Version=2011-06-15");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidAction</Code>");
    }
}
