package io.jenkins.plugins.awsrole;

import hudson.model.Action;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import java.util.List;

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
public final class BuildSessionsAction implements Action {

    private final String job;
    private final long build;

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

    /** This build's events, oldest first. */
    public List<AuditEvent> getEvents() {
        return AwsRoleService.get().audit().forBuild(job, build);
    }
}
