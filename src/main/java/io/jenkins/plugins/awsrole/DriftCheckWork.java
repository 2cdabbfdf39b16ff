package io.jenkins.plugins.awsrole;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;

/**
 * Runs the drift check every six hours when a drift reader role is configured, and hands what it found to the
 * {@link DriftMonitor}. A check that cannot run is logged (in the task's log under {@code JENKINS_HOME/logs/tasks}) and
 * leaves the previous findings in place: an unreachable AWS proves nothing either way.
 */
@Extension
public final class DriftCheckWork extends AsyncPeriodicWork {

    public DriftCheckWork() {
        super("AWS OIDC Role drift check");
    }

    @Override
    public long getRecurrencePeriod() {
        return 6 * HOUR;
    }

    @Override
    protected void execute(TaskListener listener) throws InterruptedException {
        checkInto(
                AwsRoleConfiguration.get().getDriftReaderRoleArn() != null,
                AwsRoleService.get(),
                DriftMonitor.get().findings(),
                listener);
    }

    /** One scheduled check: skipped (and findings cleared) without a reader role. */
    static void checkInto(
            boolean readerConfigured, AwsRoleService service, DriftFindings findings, TaskListener listener)
            throws InterruptedException {
        if (!readerConfigured) {
            findings.clear();
            return;
        }
        try {
            DriftReport report = service.checkDrift();
            findings.record(report);
            listener.getLogger().println(report.describe());
        } catch (IllegalStateException | IllegalArgumentException | StsExchangeException e) {
            listener.getLogger().println(Messages.DriftCheck_Failed(e.getMessage()));
        }
    }
}
