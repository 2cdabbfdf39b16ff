package io.jenkins.plugins.awsrole.engine.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.fakeaws.AwsFixture;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.Faults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retries against the local AWS server with injected faults. The sleeper only records the waits and moves a fake
 * clock, so the bounds are checked without any real waiting.
 */
class StsExchangeRetryTest {

    private static final String SUB = "job:app:stage:build";
    private static final String ACTION = "AssumeRoleWithWebIdentity";

    private AwsFixture world;
    private FakeRole role;
    private final FakeClock retryClock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();
    private final RetryPolicy.Sleeper sleeper = d -> {
        waits.add(d);
        retryClock.advance(d);
    };

    @BeforeEach
    void start() throws Exception {
        world = AwsFixture.start();
        role = world.roleFor("build", SUB);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private StsExchange exchange(RetryPolicy policy) {
        return new StsExchange(policy, sleeper, retryClock, new SplittableRandom(7));
    }

    private ExchangeRequest request() {
        return ExchangeRequest.builder()
                .roleArn(role.arn())
                .sessionName("app@1-1")
                .webIdentityToken(world.issuer.token(SUB, AwsFixture.AUDIENCE))
                .region("us-east-1")
                .endpoint(world.aws.endpoint())
                .build();
    }

    @Test
    void throttledTwiceThenSucceeds() throws Exception {
        world.aws.faults().next(Faults.Kind.THROTTLING, 2);

        try (StsExchange exchange = exchange(RetryPolicy.DEFAULT)) {
            RoleSession session = exchange.exchange(request());
            assertThat(session.accessKeyId()).startsWith("ASIA");
        }

        assertThat(world.aws.calls(ACTION)).isEqualTo(3);
        assertThat(waits).hasSize(2);
        // Full jitter: each wait lies between zero and its exponential cap.
        assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(250));
        assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(500));
    }

    @ParameterizedTest
    @EnumSource(
            value = Faults.Kind.class,
            names = {"SERVER_ERROR", "SERVICE_UNAVAILABLE", "IDP_COMMUNICATION_ERROR", "CONNECTION_RESET"})
    void transientFailureIsRetried(Faults.Kind kind) throws Exception {
        world.aws.faults().next(kind, 1);

        try (StsExchange exchange = exchange(RetryPolicy.DEFAULT)) {
            assertThat(exchange.exchange(request()).assumedRoleArn()).endsWith("/build/app@1-1");
        }

        assertThat(world.aws.calls(ACTION)).isEqualTo(2);
        assertThat(waits).hasSize(1);
    }

    @Test
    void alwaysThrottledGivesUpAfterTheAttemptsWithAClearMessage() {
        world.aws.faults().always(Faults.Kind.THROTTLING);
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(30));

        StsExchangeException e;
        try (StsExchange exchange = exchange(policy)) {
            e = catchThrowableOfType(StsExchangeException.class, () -> exchange.exchange(request()));
        }

        assertThat(e.code()).isEqualTo("Throttling");
        assertThat(e.isTransient()).isTrue();
        assertThat(e.attempts()).isEqualTo(4);
        assertThat(e.getMessage())
                .contains("Rate exceeded")
                .contains("tried 4 times")
                .contains("try again later");
        assertThat(world.aws.calls(ACTION)).isEqualTo(4);
        assertThat(waits).hasSize(3);
    }

    @Test
    void alwaysThrottledStopsWithinTheTotalTime() {
        world.aws.faults().always(Faults.Kind.THROTTLING);
        RetryPolicy policy =
                new RetryPolicy(1000, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(10));

        StsExchangeException e;
        try (StsExchange exchange = exchange(policy)) {
            e = catchThrowableOfType(StsExchangeException.class, () -> exchange.exchange(request()));
        }

        Duration waited = waits.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(waited).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(e.attempts()).isLessThan(1000).isEqualTo(world.aws.calls(ACTION));
        assertThat(e.code()).isEqualTo("Throttling");
    }

    @Test
    void slowAnswerTimesOutAndIsRetried() throws Exception {
        // The first answer comes after 2 s, past the 300 ms attempt timeout; the second comes at once.
        world.aws.faults().latency(Duration.ofSeconds(2));
        RetryPolicy policy = new RetryPolicy(
                3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(30), Duration.ofMillis(300));
        ExchangeRequest request = request();

        StsExchangeException e;
        try (StsExchange exchange = exchange(policy)) {
            e = catchThrowableOfType(StsExchangeException.class, () -> exchange.exchange(request));
            assertThat(e.code()).isEqualTo(StsExchangeException.CODE_NETWORK);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.getMessage()).contains("Could not reach STS").contains("3 times");

            world.aws.faults().clear();
            assertThat(exchange.exchange(request()).accessKeyId()).startsWith("ASIA");
        }
    }

    @Test
    void refusalIsNeverRetried() {
        ExchangeRequest wrongRole = ExchangeRequest.builder()
                .roleArn("arn:aws:iam::123456789012:role/other")
                .sessionName("app@1-1")
                .webIdentityToken(world.issuer.token(SUB, AwsFixture.AUDIENCE))
                .region("us-east-1")
                .endpoint(world.aws.endpoint())
                .build();

        StsExchangeException e;
        try (StsExchange exchange = exchange(RetryPolicy.DEFAULT)) {
            e = catchThrowableOfType(StsExchangeException.class, () -> exchange.exchange(wrongRole));
        }

        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(world.aws.calls(ACTION)).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void malformedAnswerIsReportedNotRetried() {
        world.aws.faults().next(Faults.Kind.MALFORMED_XML, 1);

        StsExchangeException e;
        try (StsExchange exchange = exchange(RetryPolicy.DEFAULT)) {
            e = catchThrowableOfType(StsExchangeException.class, () -> exchange.exchange(request()));
        }

        assertThat(e.code()).isEqualTo(StsExchangeException.CODE_UNREADABLE);
        assertThat(e.getMessage())
                .contains("could not be read")
                .contains(world.aws.endpoint().toString());
        assertThat(world.aws.calls(ACTION)).isEqualTo(1);
    }

    @Test
    void unreachableEndpointIsANetworkErrorAfterRetries() throws Exception {
        java.net.URI dead;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        ExchangeRequest toNowhere = ExchangeRequest.builder()
                .roleArn(role.arn())
                .sessionName("app@1-1")
                .webIdentityToken(world.issuer.token(SUB, AwsFixture.AUDIENCE))
                .region("eu-west-1")
                .endpoint(dead)
                .build();

        StsExchangeException e;
        try (StsExchange exchange = exchange(RetryPolicy.DEFAULT)) {
            e = catchThrowableOfType(StsExchangeException.class, () -> exchange.exchange(toNowhere));
        }

        assertThat(e.code()).isEqualTo(StsExchangeException.CODE_NETWORK);
        assertThat(e.attempts()).isEqualTo(4);
        assertThat(e.getMessage())
                .contains("Could not reach STS at " + dead)
                .contains("eu-west-1")
                .doesNotContain(toNowhere.webIdentityToken());
    }

    @Test
    void backoffGrowsExponentiallyUpToTheCapWithFullJitter() {
        RetryPolicy policy =
                new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofMinutes(1));
        SplittableRandom random = new SplittableRandom(3);
        for (int attempt = 1; attempt <= 8; attempt++) {
            long cap = Math.min(1000, 100L << (attempt - 1));
            for (int i = 0; i < 200; i++) {
                assertThat(policy.delayAfter(attempt, random).toMillis()).isBetween(0L, cap);
            }
        }
        // Jitter really spreads the waits (not always the cap, not always zero).
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(policy.delayAfter(5, random).toMillis());
        }
        assertThat(samples.stream().distinct().count()).isGreaterThan(10);
    }
}
