package io.jenkins.plugins.awsrole.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.audit.AuditEvent.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    private static final Instant T = Instant.parse("2026-11-25T20:10:00Z");

    private final Logger logger = Logger.getLogger(AuditLog.LOGGER_NAME);
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLogger() {
        logger.addHandler(capture);
        logger.setUseParentHandlers(false); // keep the test output clean
    }

    @AfterEach
    void releaseLogger() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
    }

    private static AuditEvent event(Kind kind, String job, long build) {
        return new AuditEvent(T.plusSeconds(build), kind, job, build, "deploy", null, null, null, "ok", null, null);
    }

    @Test
    void keepsOnlyTheNewestEventsUpToItsRetention() {
        AuditLog log = new AuditLog(3);
        for (int i = 1; i <= 5; i++) {
            log.record(event(Kind.SESSION_OBTAINED, "a", i));
        }

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.recent(10)).extracting(AuditEvent::build).containsExactly(5L, 4L, 3L);
        assertThat(log.recent(2)).extracting(AuditEvent::build).containsExactly(5L, 4L);
        assertThat(log.forBuild("a", 1)).isEmpty();
    }

    @Test
    void findsTheEventsOfOneBuildOldestFirst() {
        AuditLog log = new AuditLog(100);
        log.record(event(Kind.TOKEN_ISSUED, "a", 1));
        log.record(event(Kind.TOKEN_ISSUED, "b", 1));
        log.record(event(Kind.SESSION_OBTAINED, "a", 1));
        log.record(event(Kind.REVOKED, "a", 2));
        log.record(event(Kind.REVOKED, "a", 1));

        assertThat(log.forBuild("a", 1))
                .extracting(AuditEvent::kind)
                .containsExactly(Kind.TOKEN_ISSUED, Kind.SESSION_OBTAINED, Kind.REVOKED);
    }

    @Test
    void loweringTheRetentionDropsTheOldestAtOnce() {
        AuditLog log = new AuditLog(10);
        for (int i = 1; i <= 6; i++) {
            log.record(event(Kind.REFRESHED, "a", i));
        }

        log.retention(2);

        assertThat(log.retention()).isEqualTo(2);
        assertThat(log.recent(10)).extracting(AuditEvent::build).containsExactly(6L, 5L);
        assertThatThrownBy(() -> log.retention(0)).hasMessageContaining("at least 1");
    }

    @Test
    void writesEachEventAsOneLineToTheAuditLogger() {
        AuditLog log = new AuditLog(10);
        log.record(event(Kind.REVOKED, "a", 1));
        log.record(event(Kind.REVOCATION_FAILED, "a", 1));

        assertThat(logged).hasSize(2);
        assertThat(logged.get(0).getLevel()).isEqualTo(Level.INFO);
        assertThat(logged.get(0).getMessage())
                .isEqualTo(event(Kind.REVOKED, "a", 1).toLogLine());
        assertThat(logged.get(1).getLevel()).isEqualTo(Level.WARNING);
        assertThat(logged.get(1).getMessage()).startsWith("time=").contains("kind=REVOCATION_FAILED");
    }

    @Test
    void staysWithinItsBoundsUnderConcurrentWriters() throws Exception {
        AuditLog log = new AuditLog(50);
        logger.setLevel(Level.OFF); // 4,000 lines are noise here
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String job = "job" + t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        log.record(event(Kind.TOKEN_ISSUED, job, i));
                        log.recent(5);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            logger.setLevel(null);
        }

        assertThat(log.size()).isEqualTo(50);
        assertThat(log.recent(100)).hasSize(50);
    }
}
