package io.jenkins.plugins.awsrole;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The recent revocations that did not go as their mapping asked, for the administrative monitor: a session left live
 * (the revocation failed, or no revocation role is configured), or one revoked only by the role-wide cut-off, which
 * also denied other sessions of the role. Kept in memory, newest first, at most {@link #KEPT}; the audit trail's log
 * lines are the record to keep.
 */
final class RevocationProblems {

    /** How many problems the monitor lists. */
    static final int KEPT = 50;

    /** What went wrong. */
    enum Kind {
        /** The revocation failed: the session stays usable until it expires. */
        FAILED,
        /** The mapping asks for revocation, but no revocation role is configured: the session stays usable. */
        NOT_CONFIGURED,
        /** The role's revocation policy was full: the session was revoked with every older session of its role. */
        ROLE_WIDE
    }

    /**
     * One problem.
     *
     * @param time when it happened
     * @param kind what went wrong
     * @param session the session's names, stage, build and role (no secret)
     * @param message what happened and what to fix
     */
    record Problem(Instant time, Kind kind, BlockSession session, String message) {

        /** Whether the session stays usable at AWS until it expires. */
        boolean leftLive() {
            return kind != Kind.ROLE_WIDE;
        }
    }

    private final Deque<Problem> problems = new ArrayDeque<>();

    synchronized void record(Problem problem) {
        problems.addFirst(problem);
        while (problems.size() > KEPT) {
            problems.removeLast();
        }
    }

    /** The problems, newest first. */
    synchronized List<Problem> list() {
        return List.copyOf(problems);
    }

    synchronized boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Forgets them all (an administrator has read them). */
    synchronized void clear() {
        problems.clear();
    }
}
