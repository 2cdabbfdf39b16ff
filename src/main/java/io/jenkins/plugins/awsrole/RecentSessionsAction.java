package io.jenkins.plugins.awsrole;

import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The administrators' page of recent AWS sessions ({@code ${JENKINS_URL}aws-sessions/}): the newest events of the
 * audit trail across all builds, refusals and failed revocations included. Only administrators see the link and the
 * events: the list names every job that used a role, and which roles exist.
 */
@Extension
public final class RecentSessionsAction implements RootAction, AuditEventsPage {

    /** How many events the page shows; the structured log lines keep every event for log shipping. */
    static final int SHOWN = 500;

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER) ? "symbol-cloud" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.RecentSessionsAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "aws-sessions";
    }

    /**
     * The newest events, newest first.
     *
     * @throws org.springframework.security.access.AccessDeniedException for anyone but an administrator
     */
    @Override
    public List<AuditEvent> getEvents() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return AwsRoleService.get().audit().recent(SHOWN);
    }
}
