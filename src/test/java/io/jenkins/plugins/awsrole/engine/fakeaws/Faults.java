package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Failures the local AWS server injects before answering: queued ones ({@link #next}) are used up one per request,
 * a standing one ({@link #always}) applies to every request until {@link #clear()}. {@link #onlyFor} limits them to
 * some actions.
 */
public final class Faults {

    /** What can go wrong. */
    public enum Kind {
        /** {@code Throttling}, HTTP 400, "Rate exceeded". */
        THROTTLING,
        /** {@code InternalFailure}, HTTP 500. */
        SERVER_ERROR,
        /** {@code ServiceUnavailable}, HTTP 503. */
        SERVICE_UNAVAILABLE,
        /** {@code IDPCommunicationError}, HTTP 400. */
        IDP_COMMUNICATION_ERROR,
        /** HTTP 200 with a truncated XML body. */
        MALFORMED_XML,
        /** Headers announce a body that never comes; the connection is then closed under the client. */
        CONNECTION_RESET
    }

    private final Deque<Kind> queue = new ArrayDeque<>();
    private Kind standing;
    private Duration latency = Duration.ZERO;
    private Set<String> actions = Set.of();

    /** The next {@code times} requests fail with {@code kind}. */
    public synchronized Faults next(Kind kind, int times) {
        for (int i = 0; i < times; i++) {
            queue.add(kind);
        }
        return this;
    }

    /** Every request fails with {@code kind}. */
    public synchronized Faults always(Kind kind) {
        this.standing = kind;
        return this;
    }

    /** Every answer is delayed (a real sleep on the server; keep it short). */
    public synchronized Faults latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Faults apply only to these actions ({@code AssumeRoleWithWebIdentity}, {@code GetRole}, ...). */
    public synchronized Faults onlyFor(String... actions) {
        this.actions = Set.of(actions);
        return this;
    }

    /** No more faults and no latency. */
    public synchronized void clear() {
        queue.clear();
        standing = null;
        latency = Duration.ZERO;
        actions = Set.of();
    }

    synchronized Duration latency() {
        return latency;
    }

    /** The fault for this request, or null. */
    synchronized Kind take(String action) {
        if (!actions.isEmpty() && !actions.contains(action)) {
            return null;
        }
        Kind queued = queue.poll();
        return queued != null ? queued : standing;
    }
}
