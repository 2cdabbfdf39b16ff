package io.jenkins.plugins.awsrole;

import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * One {@code withAwsRole} block in Pipeline: runs the block's start (the decision, the token, the STS call) and its end
 * (dropping the credentials) off the CPS thread. What the two ends do is {@link AwsRoleBlock}'s.
 *
 * <p>Stored in {@code program.dat}, with its {@link AwsRoleBlock}.
 */
final class AwsRoleStepExecution extends GeneralNonBlockingStepExecution {

    private static final long serialVersionUID = 1L;

    private final AwsRoleBlock block;

    AwsRoleStepExecution(StepContext context, String stage, String region, Integer duration) {
        super(context);
        this.block = new AwsRoleBlock(stage, region, duration);
    }

    @Override
    public boolean start() {
        run(() -> block.begin(getContext(), new Ending()));
        return false;
    }

    /** After a controller restart: a fresh session for the rest of the body, off the CPS thread. */
    @Override
    public void onResume() {
        super.onResume();
        run(() -> block.resume(getContext()));
    }

    /** Runs off the CPS thread when the body ends, so that clean-up may do I/O. */
    private final class Ending extends TailCall {

        private static final long serialVersionUID = 1L;

        @Override
        protected void finished(StepContext context) throws Exception {
            block.end(context);
        }
    }
}
