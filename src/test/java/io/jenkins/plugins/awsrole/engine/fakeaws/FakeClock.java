package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A settable clock: what the local AWS server believes "now" is. Moving it forward expires tokens and sessions
 * without waiting.
 */
public final class FakeClock extends Clock {

    private final AtomicReference<Instant> now;

    /** A clock at {@code start}. */
    public FakeClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock at the real current second. */
    public static FakeClock atRealNow() {
        return new FakeClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** Moves time forward (or back, with a negative duration). */
    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    /** Sets the time. */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
