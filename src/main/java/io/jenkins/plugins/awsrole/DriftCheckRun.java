package io.jenkins.plugins.awsrole;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trustcode.AccountRedaction;
import io.jenkins.plugins.awsrole.engine.trustcode.SharedCheck;
import java.util.Optional;

/**
 * What {@code awsRoleDriftCheck()} does: in a build of a job that may run trust checks, gets the drift report (a recent
 * one is reused, see {@link AwsRoleService#driftReportFor}) and fails the build when AWS differs from the mappings, or
 * when the check cannot run; otherwise prints that there is no drift. The log gets a summary without account ids,
 * role ARNs or trust policy details: administrators see the findings with their fixes on the configuration page.
 */
final class DriftCheckRun {

    static final String STEP = "awsRoleDriftCheck";

    private DriftCheckRun() {}

    /**
     * @param caller the build as the controller knows it: of a job allowed to run trust checks, neither a change
     *     request nor a replay
     */
    static void run(BuildIdentity caller, TaskListener listener) throws AbortException, InterruptedException {
        AwsRoleService service = AwsRoleService.get();
        Optional<String> refusal = service.trustCheckGate().refusal(STEP, caller);
        if (refusal.isPresent()) {
            throw new AbortException(refusal.get());
        }
        SharedCheck.Result<DriftReport> result;
        try {
            result = service.driftReportFor(caller);
        } catch (StsExchangeException e) {
            throw new AbortException(Messages.DriftCheck_Failed(Messages.DriftCheck_ReaderRefused(e.code())));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new AbortException(Messages.DriftCheck_Failed(AccountRedaction.redact(e.getMessage())));
        }
        DriftReport report = result.value();
        String summary = AccountRedaction.redact(report.summary())
                + (result.reused() ? "\n" + Messages.DriftCheck_Reused(result.at()) : "");
        if (report.hasDrift()) {
            throw new AbortException(summary);
        }
        listener.getLogger().println(summary);
    }
}
