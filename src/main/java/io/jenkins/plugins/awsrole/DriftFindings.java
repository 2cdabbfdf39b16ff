package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.trustcode.Drift;
import java.util.List;

/**
 * What the last scheduled drift check found, for the administrative monitor: only the findings that widen access
 * raise it (the others fail builds that run {@code awsRoleDriftCheck()}, but do not let anyone in). Kept in memory:
 * the next check after a restart finds them again.
 */
final class DriftFindings {

    private volatile DriftReport last;

    /** Replaces what the previous check found. */
    void record(DriftReport report) {
        last = report;
    }

    /** Forgets the findings, when the check is no longer configured. */
    void clear() {
        last = null;
    }

    /** The findings of the last check that let in more than the mappings mean, each with its fix. */
    List<String> widening() {
        DriftReport report = last;
        return report == null
                ? List.of()
                : report.drifts().stream()
                        .filter(d -> d.kind().widensAccess())
                        .map(Drift::describe)
                        .toList();
    }

    /** The account and reader of the last check, for the monitor's heading; {@code null} before any check. */
    DriftReport last() {
        return last;
    }
}
