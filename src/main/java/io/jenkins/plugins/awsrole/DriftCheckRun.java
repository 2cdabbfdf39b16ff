package io.jenkins.plugins.awsrole;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;

/**
 * What {@code awsRoleDriftCheck()} does: runs the drift check and fails the build when AWS differs from the mappings,
 * listing each difference with its fix, or when the check cannot run; otherwise prints that there is no drift.
 */
final class DriftCheckRun {

    private DriftCheckRun() {}

    static void run(TaskListener listener) throws AbortException, InterruptedException {
        DriftReport report;
        try {
            report = AwsRoleService.get().checkDrift();
        } catch (IllegalStateException | IllegalArgumentException | StsExchangeException e) {
            throw new AbortException(Messages.DriftCheck_Failed(e.getMessage()));
        }
        if (report.hasDrift()) {
            throw new AbortException(report.describe());
        }
        listener.getLogger().println(report.describe());
    }
}
