package io.jenkins.plugins.awsrole.engine.trustcode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The last result of a costly check, shared by every caller for a while, and a floor on how often the check runs: a
 * result younger than {@code reuse} is handed out again instead of running the check, and after a failure the check is
 * not run again for {@code retryAfterFailure} (callers get the failure's message instead). One check runs at a time;
 * callers that arrive meanwhile wait for it and share its result. So however many builds ask, the check (each run
 * signs a controller token and opens an AWS session) runs at most once per {@code reuse} while it succeeds.
 *
 * @param <T> the result
 */
public final class SharedCheck<T> {

    /** The check itself. */
    @FunctionalInterface
    public interface Check<T> {
        T run() throws InterruptedException;
    }

    /**
     * A result and when it was obtained.
     *
     * @param value the result
     * @param at when the check that produced it ran
     * @param reused whether it was handed out again rather than obtained for this caller
     */
    public record Result<T>(T value, Instant at, boolean reused) {}

    private final String what;
    private final Clock clock;
    private final Duration reuse;
    private final Duration retryAfterFailure;

    private T last;
    private Instant lastAt;
    private Instant failedAt;
    private String failure;

    /**
     * @param what names the check in messages, for example "The drift check"
     * @param reuse how long a result is handed out again
     * @param retryAfterFailure how long after a failure the check is not run again
     */
    public SharedCheck(String what, Clock clock, Duration reuse, Duration retryAfterFailure) {
        this.what = Objects.requireNonNull(what, "what");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reuse = Objects.requireNonNull(reuse, "reuse");
        this.retryAfterFailure = Objects.requireNonNull(retryAfterFailure, "retryAfterFailure");
    }

    /**
     * The recent result, or a new one.
     *
     * @throws IllegalStateException when the check failed recently; the message says when it may run again and why it
     *     failed
     * @throws RuntimeException what the check throws, when it runs and fails
     */
    public synchronized Result<T> get(Check<T> check) throws InterruptedException {
        Instant now = clock.instant();
        if (last != null && now.isBefore(lastAt.plus(reuse))) {
            return new Result<>(last, lastAt, true);
        }
        if (failedAt != null && now.isBefore(failedAt.plus(retryAfterFailure))) {
            throw new IllegalStateException(what + " failed at " + failedAt + " and runs again from "
                    + failedAt.plus(retryAfterFailure) + ": " + failure);
        }
        try {
            T value = check.run();
            put(value);
            return new Result<>(value, lastAt, false);
        } catch (RuntimeException e) {
            failedAt = now;
            failure = e.getMessage();
            throw e;
        }
    }

    /** Stores a result obtained elsewhere (a check an administrator ran), to be handed out from now on. */
    public synchronized void put(T value) {
        last = Objects.requireNonNull(value, "value");
        lastAt = clock.instant();
        failedAt = null;
        failure = null;
    }
}
