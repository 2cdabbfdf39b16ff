package io.jenkins.plugins.awsrole.engine.fakeaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-alone server of the documentation screenshots: its info file, its one role, and its clock. */
class FakeAwsServerTest {

    private TestIssuer issuer;
    private FakeAwsServer server;

    @BeforeEach
    void start() throws Exception {
        // Real time on both sides, as with a Jenkins started by hand.
        issuer = TestIssuer.start(Clock.systemUTC());
        server = FakeAwsServer.start(issuer.issuer());
    }

    @AfterEach
    void stop() {
        server.close();
        issuer.close();
    }

    @Test
    void theInfoFileNamesTheEndpointAndTheRole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/fake-aws.properties");

        server.writeInfo(file);

        Properties info = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            info.load(in);
        }
        assertThat(info.getProperty("endpoint"))
                .isEqualTo(server.aws().endpoint().toString())
                .startsWith("http://127.0.0.1:");
        assertThat(info.getProperty("roleArn")).isEqualTo("arn:aws:iam::123456789012:role/deploy");
        assertThat(dir.resolve("sub")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void anyJobsDeployStageMayAssumeTheRoleAndNoOtherStage() throws InterruptedException {
        RoleSession session = exchange("job:team/demo:stage:deploy");
        assertThat(session.assumedRoleArn()).startsWith("arn:aws:sts::123456789012:assumed-role/deploy/");

        StsExchangeException refused =
                catchThrowableOfType(StsExchangeException.class, () -> exchange("job:demo:stage:build"));
        assertThat(refused.code()).isEqualTo("AccessDenied");
    }

    @Test
    void itsClockFollowsRealTime() throws InterruptedException {
        Instant before = server.aws().clock().instant();

        Thread.sleep(1_500);

        assertThat(server.aws().clock().instant()).isAfter(before);
    }

    private RoleSession exchange(String subject) throws InterruptedException {
        try (StsExchange exchange =
                new StsExchange(RetryPolicy.DEFAULT, d -> {}, Clock.systemUTC(), new SplittableRandom(1))) {
            return exchange.exchange(ExchangeRequest.builder()
                    .roleArn(server.roleArn())
                    .sessionName("demo@1-1")
                    .webIdentityToken(issuer.token(subject, FakeAwsServer.AUDIENCE))
                    .region("eu-west-1")
                    .endpoint(server.aws().endpoint())
                    .build());
        }
    }
}
