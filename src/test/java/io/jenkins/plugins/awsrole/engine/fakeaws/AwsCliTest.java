package io.jenkins.plugins.awsrole.engine.fakeaws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real AWS CLI uses credentials from the exchange against the local server, and fails once they expire. */
class AwsCliTest {

    private static final String SUB = "job:team/site:stage:deploy";

    @TempDir
    Path home;

    private AwsFixture world;

    @BeforeEach
    void start() throws Exception {
        world = AwsFixture.start();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void cliGetCallerIdentityWorksWithIssuedCredentialsUntilTheyExpire() throws Exception {
        AwsCli cli = AwsCli.require(home);
        FakeRole role = world.roleFor("site-deploy", SUB);
        RoleSession session;
        try (StsExchange exchange =
                new StsExchange(RetryPolicy.DEFAULT, d -> {}, world.clock, new SplittableRandom(1))) {
            session = exchange.exchange(ExchangeRequest.builder()
                    .roleArn(role.arn())
                    .sessionName("team.site@5-1")
                    .webIdentityToken(world.issuer.token(SUB, AwsFixture.AUDIENCE))
                    .region("us-east-1")
                    .endpoint(world.aws.endpoint())
                    .build());
        }
        Map<String, String> credentials = Map.of(
                "AWS_ACCESS_KEY_ID", session.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", session.secretAccessKey(),
                "AWS_SESSION_TOKEN", session.sessionToken());
        String[] getCallerIdentity = {
            "sts",
            "get-caller-identity",
            "--endpoint-url",
            world.aws.endpoint().toString(),
            "--region",
            "us-east-1",
            "--output",
            "json"
        };

        AwsCli.Result ok = cli.run(credentials, getCallerIdentity);

        assertThat(ok.exitCode()).as("stderr: %s", ok.stderr()).isZero();
        assertThat(ok.stdout())
                .contains("\"Arn\": \"arn:aws:sts::123456789012:assumed-role/site-deploy/team.site@5-1\"")
                .contains("\"UserId\": \"" + role.roleId() + ":team.site@5-1\"")
                .contains("\"Account\": \"123456789012\"");

        world.clock.set(session.expiration().plusSeconds(1));
        AwsCli.Result expired = cli.run(credentials, getCallerIdentity);

        assertThat(expired.exitCode()).isNotZero();
        assertThat(expired.stderr()).contains("ExpiredToken");
    }

    @Test
    void cliWithoutCredentialsIsRefused() throws Exception {
        AwsCli cli = AwsCli.require(home);

        AwsCli.Result result = cli.run(
                Map.of(),
                "sts",
                "get-caller-identity",
                "--endpoint-url",
                world.aws.endpoint().toString(),
                "--region",
                "us-east-1");

        // No credentials anywhere: the CLI must not find any (the test's own environment was not leaked).
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).containsIgnoringCase("credentials");
        assertThat(world.aws.calls("GetCallerIdentity")).isZero();
    }
}
