package io.jenkins.plugins.awsrole.engine.sts;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how long {@link StsExchange} retries a transient STS failure: exponential backoff with full jitter
 * (each wait is uniformly random between zero and {@code min(maxDelay, baseDelay * 2^(attempt-1))}), bounded both by
 * a number of attempts and by a total time. The bound in time matters more than the count: a build waits on it.
 *
 * @param maxAttempts attempts in all, the first one included (at least 1)
 * @param baseDelay the cap of the first wait
 * @param maxDelay the cap of any one wait
 * @param totalTime the time after the first attempt starts beyond which no attempt is started or waited for
 * @param attemptTimeout the longest one attempt may take (also capped by what is left of {@code totalTime}), so that
 *     a hung connection cannot eat the whole budget
 */
public record RetryPolicy(
        int maxAttempts, Duration baseDelay, Duration maxDelay, Duration totalTime, Duration attemptTimeout) {

    /** Four attempts within 30 seconds, waits capped at 0.25 s, 0.5 s, 1 s, each attempt at most 10 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(
            4, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(10));

    /** A policy with the default 10-second attempt timeout. */
    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration totalTime) {
        this(maxAttempts, baseDelay, maxDelay, totalTime, Duration.ofSeconds(10));
    }

    /** Validates the bounds. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("At least one attempt is needed, got " + maxAttempts + ".");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(totalTime, "totalTime");
        if (baseDelay.isNegative() || maxDelay.isNegative() || totalTime.isNegative() || totalTime.isZero()) {
            throw new IllegalArgumentException(
                    "Retry delays must not be negative and the total time must be positive.");
        }
    }

    /**
     * The wait before attempt {@code attempt + 1}, after attempt {@code attempt} failed.
     *
     * @param attempt the attempt that failed, 1-based
     * @param random where the jitter comes from
     */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        long capMillis = maxDelay.toMillis();
        long exponential = baseDelay.toMillis() << Math.min(attempt - 1, 30);
        long ceiling = Math.min(capMillis, exponential < 0 ? capMillis : exponential);
        return ceiling <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    /** Waits between attempts; tests replace it so that they never really sleep. */
    @FunctionalInterface
    public interface Sleeper {

        /** The real one. */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

        /**
         * Waits.
         *
         * @throws InterruptedException when the build is aborted while waiting
         */
        void sleep(Duration duration) throws InterruptedException;
    }
}
