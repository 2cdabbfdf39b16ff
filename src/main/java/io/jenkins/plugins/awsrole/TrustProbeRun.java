package io.jenkins.plugins.awsrole;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trustcode.ProbeOutcome;
import io.jenkins.plugins.awsrole.engine.trustcode.ProbeResult;
import java.io.Serializable;
import java.util.Optional;

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
     * @param caller the probing build as the controller knows it: it must be of a job allowed to run trust checks, and
     *     neither a change request nor a replay; the audit events belong to it, and its number ends up in the probe
     *     session's name ({@code <asJob>@<number>-probe}), so that it can be told apart in CloudTrail
     * @throws AbortException when the build may not probe, AWS let the identity in, the probe could not tell, or asJob
     *     is missing
     */
    void run(BuildIdentity caller, TaskListener listener) throws AbortException, InterruptedException {
        AwsRoleService service = AwsRoleService.get();
        Optional<String> refusal = service.trustCheckGate().refusal("awsRoleProbe", caller);
        if (refusal.isPresent()) {
            throw new AbortException(refusal.get());
        }
        if (asJob == null) {
            throw new AbortException(Messages.AwsRoleProbeStep_AsJobRequired(stage));
        }
        String job = caller.jobFullName();
        long buildNumber = caller.buildNumber();
        BuildIdentity identity = new BuildIdentity(asJob, buildNumber, null, asBranch, null, false, false);
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
