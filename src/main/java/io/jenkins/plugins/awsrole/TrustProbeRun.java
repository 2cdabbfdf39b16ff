package io.jenkins.plugins.awsrole;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trustcode.ProbeOutcome;
import io.jenkins.plugins.awsrole.engine.trustcode.ProbeResult;
import java.io.Serializable;

/**
 * What {@code awsRoleProbe} does: probes a stage as another job (and branch) and turns the outcome into the build's:
 * {@code PASS} is printed, {@code FAIL} (AWS is wider than the mapping) and {@code ERROR} (could not tell) fail the
 * build with the probe's message, which says what to fix. The probe token and AWS's answer are recorded in the audit
 * trail as events of the probing build ({@link TrialAudit}). Only the step's arguments are kept, so it is safe in
 * {@code program.dat}.
 */
final class TrustProbeRun implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String stage;
    private final String asJob;
    private final String asBranch;

    TrustProbeRun(String stage, String asJob, String asBranch) {
        this.stage = stage;
        this.asJob = asJob;
        this.asBranch = asBranch;
    }

    /**
     * @param job the probing build's job, which the audit events belong to
     * @param buildNumber the probing build's number, so that the probe session ({@code <job>@<number>-probe}) can be
     *     told apart in CloudTrail
     * @throws AbortException when AWS let the identity in, or the probe could not tell, or asJob is missing
     */
    void run(String job, long buildNumber, TaskListener listener) throws AbortException, InterruptedException {
        if (asJob == null) {
            throw new AbortException(Messages.AwsRoleProbeStep_AsJobRequired(stage));
        }
        BuildIdentity identity = new BuildIdentity(asJob, buildNumber, null, asBranch, null, false, false);
        AwsRoleService service = AwsRoleService.get();
        ProbeResult result;
        try {
            result = service.probe()
                    .probe(stage, identity, TrialAudit.probe(service.audit(), job, buildNumber, identity));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The issuer cannot be set up (no Jenkins URL, a bad issuer URL): the message says what to set.
            throw new AbortException(
                    Messages.AwsRoleProbeStep_Failed(ProbeOutcome.ERROR, stage, asJob, e.getMessage()));
        }
        if (result.outcome() == ProbeOutcome.PASS) {
            listener.getLogger().println(Messages.AwsRoleProbeStep_Passed(stage, asJob, result.message()));
            return;
        }
        throw new AbortException(Messages.AwsRoleProbeStep_Failed(result.outcome(), stage, asJob, result.message()));
    }
}
