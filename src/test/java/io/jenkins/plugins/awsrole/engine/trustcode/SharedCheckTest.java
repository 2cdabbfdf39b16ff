package io.jenkins.plugins.awsrole.engine.trustcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A costly check shared by its callers: a recent result reused, a recent failure not retried, one run at a time. */
class SharedCheckTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final SharedCheck<String> shared =
            new SharedCheck<>("The drift check", clock, Duration.ofMinutes(5), Duration.ofMinutes(1));
    private final AtomicInteger runs = new AtomicInteger();

    private String check() {
        return "report " + runs.incrementAndGet();
    }

    @Test
    void aResultIsReusedForItsLifetimeThenTheCheckRunsAgain() throws Exception {
        SharedCheck.Result<String> first = shared.get(this::check);
        clock.advance(Duration.ofMinutes(4));
        SharedCheck.Result<String> again = shared.get(this::check);
        clock.advance(Duration.ofMinutes(1));
        SharedCheck.Result<String> later = shared.get(this::check);

        assertThat(first.reused()).isFalse();
        assertThat(again.value()).isEqualTo("report 1");
        assertThat(again.reused()).isTrue();
        assertThat(again.at()).isEqualTo(first.at());
        assertThat(later.value()).isEqualTo("report 2");
        assertThat(runs).hasValue(2);
    }

    @Test
    void aLoopOfCallersRunsTheCheckOncePerLifetime() throws Exception {
        for (int i = 0; i < 1000; i++) {
            shared.get(this::check);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(runs).hasValue(4); // 1000 s: at 0, 300, 600 and 900 s
    }

    @Test
    void afterAFailureTheCheckIsNotRunAgainForAWhileAndCallersAreToldWhy() throws Exception {
        assertThatThrownBy(() -> shared.get(() -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("AWS refused the reader");
                }))
                .hasMessage("AWS refused the reader");
        clock.advance(Duration.ofSeconds(30));

        assertThatThrownBy(() -> shared.get(this::check))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The drift check failed at 2026-12-01T10:00:00Z")
                .hasMessageContaining("runs again from 2026-12-01T10:01:00Z")
                .hasMessageContaining("AWS refused the reader");
        assertThat(runs).hasValue(1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(shared.get(this::check).value()).isEqualTo("report 2");
    }

    @Test
    void aResultObtainedElsewhereIsHandedOut() throws Exception {
        shared.put("administrator's report");

        assertThat(shared.get(this::check).value()).isEqualTo("administrator's report");
        assertThat(runs).hasValue(0);
    }

    @Test
    void callersArrivingDuringACheckShareItsResult() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<SharedCheck.Result<String>> first = pool.submit(() -> shared.get(() -> {
                started.countDown();
                release.await(10, TimeUnit.SECONDS);
                return check();
            }));
            started.await(10, TimeUnit.SECONDS);
            Future<SharedCheck.Result<String>> second = pool.submit(() -> shared.get(this::check));
            Future<SharedCheck.Result<String>> third = pool.submit(() -> shared.get(this::check));
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).value()).isEqualTo("report 1");
            assertThat(second.get(10, TimeUnit.SECONDS).value()).isEqualTo("report 1");
            assertThat(third.get(10, TimeUnit.SECONDS).value()).isEqualTo("report 1");
            assertThat(runs).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
