package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Failures the local AWS server injects before answering: queued ones ({@link #next}) are used up one per request,
 * a standing one ({@link #always}) applies to every request until {@link #clear()}. {@link #onlyFor} limits them to
 * some actions. A {@link Gate} ({@link #hold}) holds requests of some actions until the test releases them, so that a
 * test can act while a caller waits for AWS.
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
    private final List<Gate> gates = new ArrayList<>();

    /**
     * Requests of these actions wait, before AWS looks at them, until the gate is released; released, it lets every
     * request through. {@link #clear()} releases every gate.
     */
    public synchronized Gate hold(String... actions) {
        Gate gate = new Gate(Set.of(actions));
        gates.add(gate);
        return gate;
    }

    /** Holds requests of some actions until released; says when the first one arrived. */
    public static final class Gate {

        /** Longer than any test waits: a forgotten gate fails the request instead of hanging the server. */
        private static final long MAX_HOLD_SECONDS = 120;

        private final Set<String> actions;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Gate(Set<String> actions) {
            this.actions = actions;
        }

        /** Waits until a request of the gate's actions has arrived and is being held. */
        public boolean awaitArrival(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Whether a request has arrived. */
        public boolean hasArrived() {
            return arrived.getCount() == 0;
        }

        /** Lets the held requests, and every later one, go on. */
        public void release() {
            released.countDown();
        }

        void pass(String action) {
            if (!actions.contains(action)) {
                return;
            }
            arrived.countDown();
            try {
                if (!released.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate on " + actions + " never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            }
        }
    }

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
        gates.forEach(Gate::release);
        gates.clear();
        queue.clear();
        standing = null;
        latency = Duration.ZERO;
        actions = Set.of();
    }

    /** Holds this request while a gate of its action is closed (outside this object's lock). */
    void pass(String action) {
        List<Gate> current;
        synchronized (this) {
            current = List.copyOf(gates);
        }
        for (Gate gate : current) {
            gate.pass(action);
        }
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
