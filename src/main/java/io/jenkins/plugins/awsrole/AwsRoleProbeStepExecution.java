package io.jenkins.plugins.awsrole;

import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one probe off the CPS thread. The probe takes one STS call, so a restart in the middle simply fails the step
 * (SynchronousNonBlockingStepExecution cannot resume); running it again is harmless.
 */
final class AwsRoleProbeStepExecution extends SynchronousNonBlockingStepExecution<Void> {

    private static final long serialVersionUID = 1L;

    private final TrustProbeRun probe;

    AwsRoleProbeStepExecution(StepContext context, TrustProbeRun probe) {
        super(context);
        this.probe = probe;
    }

    @Override
    protected Void run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        // The probe's token and AWS's answer are audit events of this build: its "AWS sessions" page lists them.
        run.addOrReplaceAction(new BuildSessionsAction(run.getParent().getFullName(), run.getNumber()));
        probe.run(RunIdentity.of(run), getContext().get(TaskListener.class));
        return null;
    }
}
