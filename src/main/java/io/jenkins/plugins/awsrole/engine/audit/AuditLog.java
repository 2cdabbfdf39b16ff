package io.jenkins.plugins.awsrole.engine.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail: every event is written as one structured line to the logger {@value #LOGGER_NAME} (for log
 * shipping; configure a handler for it in Jenkins' log recorders or {@code logging.properties}) and kept in a bounded
 * in-memory ring, newest replacing oldest, for the per-build and admin pages. Nothing is persisted here.
 *
 * <p>Thread-safe.
 */
public final class AuditLog {

    /** The dedicated logger of audit lines. */
    public static final String LOGGER_NAME = "io.jenkins.plugins.awsrole.audit";

    /** How many events are kept by default. */
    public static final int DEFAULT_RETENTION = 10_000;

    private static final Logger LOGGER = Logger.getLogger(LOGGER_NAME);

    private final Deque<AuditEvent> ring = new ArrayDeque<>();
    private int retention;

    /**
     * An empty trail.
     *
     * @param retention how many events to keep, at least 1
     */
    public AuditLog(int retention) {
        this.retention = checked(retention);
    }

    /** An empty trail keeping {@value #DEFAULT_RETENTION} events. */
    public AuditLog() {
        this(DEFAULT_RETENTION);
    }

    /**
     * Records an event: logs its line (a failed revocation and a refusal at {@code WARNING}, the rest at {@code
     * INFO}) and keeps it, dropping the oldest event when the ring is full.
     */
    public void record(AuditEvent event) {
        Level level = event.kind() == AuditEvent.Kind.REVOCATION_FAILED || event.kind() == AuditEvent.Kind.REFUSED
                ? Level.WARNING
                : Level.INFO;
        if (LOGGER.isLoggable(level)) {
            LOGGER.log(level, event.toLogLine());
        }
        synchronized (ring) {
            ring.addLast(event);
            trim();
        }
    }

    /** Changes how many events are kept; a smaller number drops the oldest at once. */
    public void retention(int newRetention) {
        synchronized (ring) {
            this.retention = checked(newRetention);
            trim();
        }
    }

    /** How many events are kept at most. */
    public int retention() {
        synchronized (ring) {
            return retention;
        }
    }

    /** The kept events of one build, oldest first. */
    public List<AuditEvent> forBuild(String jobFullName, long buildNumber) {
        List<AuditEvent> out = new ArrayList<>();
        synchronized (ring) {
            for (AuditEvent e : ring) {
                if (e.isOf(jobFullName, buildNumber)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The {@code n} newest events, newest first. */
    public List<AuditEvent> recent(int n) {
        List<AuditEvent> out = new ArrayList<>();
        synchronized (ring) {
            Iterator<AuditEvent> it = ring.descendingIterator();
            while (it.hasNext() && out.size() < n) {
                out.add(it.next());
            }
        }
        return out;
    }

    /** How many events are kept now. */
    public int size() {
        synchronized (ring) {
            return ring.size();
        }
    }

    private void trim() {
        while (ring.size() > retention) {
            ring.removeFirst();
        }
    }

    private static int checked(int retention) {
        if (retention < 1) {
            throw new IllegalArgumentException("The audit trail must keep at least 1 event, got " + retention + ".");
        }
        return retention;
    }
}
