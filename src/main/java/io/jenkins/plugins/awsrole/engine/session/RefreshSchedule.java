package io.jenkins.plugins.awsrole.engine.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a block's role session is renewed before it runs out, so that a step started inside a long block always gets
 * credentials with at least the refresh threshold left.
 *
 * <p>A renewal is due when the threshold is left ({@code expiration - threshold}). A session whose whole lifetime is
 * not longer than the threshold (a 15-minute session with a 20-minute threshold) would be due at once, and again at
 * once after each renewal; such a session is renewed when a third of its lifetime is left instead. The lifetime is
 * measured from when the schedule is asked, which is right after the session was obtained.
 *
 * <p>Nothing is ever due sooner than {@link #MIN_DELAY}, and nothing is scheduled that would not come before the
 * expiry: with a controller clock far ahead of AWS's, the plugin lets the credentials expire rather than renew in a
 * loop.
 *
 * <p>Immutable; the clock is injected so that tests need no sleeping.
 */
public final class RefreshSchedule {

    /** The threshold unless the administrator sets another: five minutes. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofMinutes(5);

    /** The smallest threshold an administrator may set. */
    public static final Duration MIN_THRESHOLD = Duration.ofMinutes(1);

    /** The largest threshold an administrator may set. */
    public static final Duration MAX_THRESHOLD = Duration.ofMinutes(60);

    /** The shortest delay ever scheduled, for a renewal or a retry. */
    public static final Duration MIN_DELAY = Duration.ofSeconds(30);

    /**
     * Over how long the renewals of blocks resumed by a controller restart are spread, unless the administrator sets
     * another spread: long enough that hundreds of blocks resumed at once do not reach STS in the same second, short
     * enough that a block whose mapping no longer admits the build is stopped soon.
     */
    public static final Duration DEFAULT_RESUME_SPREAD = Duration.ofMinutes(2);

    private final Duration threshold;
    private final Clock clock;

    /**
     * A schedule.
     *
     * @param threshold how much of a session must be left when a step starts; {@link #MIN_THRESHOLD} to
     *     {@link #MAX_THRESHOLD}
     * @param clock the controller's clock
     * @throws IllegalArgumentException when the threshold is out of range
     */
    public RefreshSchedule(Duration threshold, Clock clock) {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.compareTo(MIN_THRESHOLD) < 0 || threshold.compareTo(MAX_THRESHOLD) > 0) {
            throw new IllegalArgumentException("The refresh threshold must be between " + MIN_THRESHOLD.toMinutes()
                    + " and " + MAX_THRESHOLD.toMinutes() + " minutes, got " + threshold + ".");
        }
        this.threshold = threshold;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How much of a session must be left when a step starts. */
    public Duration threshold() {
        return threshold;
    }

    /** Now, by the clock this schedule reads. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * How long from now until a session just obtained is renewed.
     *
     * @param expiration when the session expires
     * @return the delay, or empty when none fits before the expiry (the session is let expire)
     */
    public Optional<Duration> renewalDelay(Instant expiration) {
        Duration left = Duration.between(clock.instant(), expiration);
        Duration due = left.compareTo(threshold) > 0 ? left.minus(threshold) : left.minus(left.dividedBy(3));
        return beforeExpiry(due, left);
    }

    /**
     * How long from now until a renewal that failed for a reason that may pass (STS throttled or down) is tried once
     * more: half of what is left of the session, at least {@link #MIN_DELAY}.
     *
     * @param expiration when the current session expires
     * @return the delay, or empty when no retry fits before the expiry
     */
    public Optional<Duration> retryDelay(Instant expiration) {
        Duration left = Duration.between(clock.instant(), expiration);
        return beforeExpiry(left.dividedBy(2), left);
    }

    /**
     * How long after a controller restart a resumed block renews its session: a random point within {@code spread},
     * so that the blocks resumed together reach STS spread out rather than all at once; never later than half of what
     * is left of the session, so that the renewal comes while the old credentials still work. At once when the session
     * has run out.
     *
     * @param expiration when the session the block had before the restart expires
     * @param spread the longest delay; zero renews every resumed block at once
     * @param random the source of the jitter
     */
    public Duration resumeDelay(Instant expiration, Duration spread, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        if (spread.isNegative()) {
            throw new IllegalArgumentException("The resume spread must not be negative, got " + spread + ".");
        }
        Duration left = Duration.between(clock.instant(), expiration);
        if (left.isNegative() || left.isZero()) {
            return Duration.ZERO;
        }
        Duration half = left.dividedBy(2);
        Duration window = spread.compareTo(half) < 0 ? spread : half;
        return Duration.ofMillis(random.nextLong(window.toMillis() + 1));
    }

    private static Optional<Duration> beforeExpiry(Duration due, Duration left) {
        Duration delay = due.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : due;
        return delay.compareTo(left) < 0 ? Optional.of(delay) : Optional.empty();
    }
}
