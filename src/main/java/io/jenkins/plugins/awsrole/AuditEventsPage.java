package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A page that lists audit events ({@code RecentSessionsAction/events.jelly}): the build's "AWS sessions" page and the
 * administrators' "Recent AWS sessions". Formats what the table shows; the structured log lines keep full precision.
 */
public interface AuditEventsPage {

    /** The events to show, in the page's order. */
    List<AuditEvent> getEvents();

    /** A time to the second, in UTC ({@code 2026-12-04T21:29:52Z}): the table's width goes to what matters. */
    default String time(Instant time) {
        return time == null ? "" : time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
