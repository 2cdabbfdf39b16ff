package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The per-build "AWS sessions" page: every session this build obtained, was refused, or had revoked, from the
 * controller's audit trail. Added to a build when one of its blocks asks for a session, or when it runs
 * {@code awsRoleProbe} (whose token and AWS's answer are events of the probing build). The events are kept in memory
 * only (bounded, see {@link io.jenkins.plugins.awsrole.engine.audit.AuditLog}), so after a controller restart, or
 * once newer events have pushed them out, the page says there is nothing to show; the structured log lines remain.
 *
 * <p>Stored with the build: only the job's name and the build number, no secret (events never hold one either).
 * Anyone who may see the build may see the page.
 */
public final class BuildSessionsAction implements RunAction2, AuditEventsPage {

    private final String job;
    private final long build;

    /** The build this page belongs to, for its side panel; set by Jenkins when it attaches or loads the action. */
    @CheckForNull
    private transient Run<?, ?> run;

    BuildSessionsAction(String job, long build) {
        this.job = job;
        this.build = build;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cloud";
    }

    @Override
    public String getDisplayName() {
        return Messages.BuildSessionsAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "aws-sessions";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }

    /** The build, so that the page shows the build's side panel like its other pages. */
    @CheckForNull
    public Run<?, ?> getRun() {
        return run;
    }

    /** This build's events, oldest first. */
    @Override
    public List<AuditEvent> getEvents() {
        return AwsRoleService.get().audit().forBuild(job, build);
    }
}
