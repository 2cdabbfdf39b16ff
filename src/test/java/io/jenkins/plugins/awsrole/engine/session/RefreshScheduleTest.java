package io.jenkins.plugins.awsrole.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** When a block's session is renewed, and when a failed renewal is tried again, by a clock the test sets. */
class RefreshScheduleTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-25T20:00:00Z"));
    private final RefreshSchedule fiveMinutes = new RefreshSchedule(Duration.ofMinutes(5), clock);

    private Instant in(Duration duration) {
        return clock.instant().plus(duration);
    }

    @Test
    void aSessionIsRenewedWhenTheThresholdIsLeft() {
        assertThat(fiveMinutes.renewalDelay(in(Duration.ofHours(1)))).contains(Duration.ofMinutes(55));
        assertThat(fiveMinutes.renewalDelay(in(Duration.ofMinutes(15)))).contains(Duration.ofMinutes(10));
        assertThat(new RefreshSchedule(Duration.ofMinutes(20), clock).renewalDelay(in(Duration.ofHours(12))))
                .contains(Duration.ofHours(12).minusMinutes(20));
    }

    @Test
    void aSessionNoLongerThanTheThresholdIsRenewedWhenAThirdOfItIsLeft() {
        RefreshSchedule hour = new RefreshSchedule(Duration.ofMinutes(60), clock);

        assertThat(hour.renewalDelay(in(Duration.ofMinutes(15)))).contains(Duration.ofMinutes(10));
        assertThat(hour.renewalDelay(in(Duration.ofMinutes(60)))).contains(Duration.ofMinutes(40));
        assertThat(new RefreshSchedule(Duration.ofMinutes(15), clock).renewalDelay(in(Duration.ofMinutes(15))))
                .contains(Duration.ofMinutes(10));
    }

    @Test
    void nothingIsEverDueSoonerThanTheMinimumNorAfterTheExpiry() {
        assertThat(fiveMinutes.renewalDelay(in(Duration.ofSeconds(40)))).contains(RefreshSchedule.MIN_DELAY);
        assertThat(fiveMinutes.renewalDelay(in(Duration.ofSeconds(30)))).isEmpty();
        assertThat(fiveMinutes.renewalDelay(in(Duration.ofSeconds(5)))).isEmpty();
        assertThat(fiveMinutes.renewalDelay(clock.instant().minusSeconds(60))).isEmpty();
    }

    @Test
    void aFailedRenewalIsTriedAgainAfterHalfOfWhatIsLeftIfThatComesBeforeTheExpiry() {
        assertThat(fiveMinutes.retryDelay(in(Duration.ofMinutes(5)))).contains(Duration.ofSeconds(150));
        assertThat(fiveMinutes.retryDelay(in(Duration.ofSeconds(50)))).contains(RefreshSchedule.MIN_DELAY);
        assertThat(fiveMinutes.retryDelay(in(Duration.ofSeconds(30)))).isEmpty();
    }

    @Test
    void theDelaysFollowTheClock() {
        Instant expiration = in(Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(30));

        assertThat(fiveMinutes.now()).isEqualTo(Instant.parse("2026-11-25T20:30:00Z"));
        assertThat(fiveMinutes.retryDelay(expiration)).contains(Duration.ofMinutes(15));
    }

    @Test
    void theThresholdIsOneToSixtyMinutes() {
        assertThat(new RefreshSchedule(Duration.ofMinutes(1), clock).threshold())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(RefreshSchedule.DEFAULT_THRESHOLD).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> new RefreshSchedule(Duration.ofSeconds(59), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and 60 minutes");
        assertThatThrownBy(() -> new RefreshSchedule(Duration.ofMinutes(61), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Issue 13, item 8: blocks resumed by a restart must not all reach STS in the same second. */
    @Test
    void renewalsAfterARestartAreSpreadAtRandomOverTheSpread() {
        SplittableRandom random = new SplittableRandom(11);
        Duration spread = Duration.ofMinutes(2);
        java.util.Set<Long> seconds = new java.util.TreeSet<>();
        for (int i = 0; i < 500; i++) {
            Duration delay = fiveMinutes.resumeDelay(in(Duration.ofHours(1)), spread, random);
            assertThat(delay).isBetween(Duration.ZERO, spread);
            seconds.add(delay.toSeconds());
        }
        assertThat(seconds)
                .as("500 blocks resumed together reach STS in many different seconds")
                .hasSizeGreaterThan(100);
        assertThat(seconds).first().isEqualTo(0L);
        assertThat(seconds).last().isIn(119L, 120L);
    }

    @Test
    void aRenewalAfterARestartComesWhileTheOldCredentialsStillWork() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 200; i++) {
            assertThat(fiveMinutes.resumeDelay(in(Duration.ofSeconds(90)), Duration.ofMinutes(2), random))
                    .isLessThanOrEqualTo(Duration.ofSeconds(45));
        }
        assertThat(fiveMinutes.resumeDelay(in(Duration.ofSeconds(-5)), Duration.ofMinutes(2), random))
                .isZero();
        assertThat(fiveMinutes.resumeDelay(in(Duration.ofHours(1)), Duration.ZERO, random))
                .isZero();
    }
}
