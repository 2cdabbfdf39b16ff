package io.jenkins.plugins.awsrole;

import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * One {@code withAwsRole} block in Pipeline: hands Pipeline's calls to its {@link AwsRoleBlock}, which runs the block's
 * start (the decision, the token, the STS call) and its end (dropping the credentials, revoking) off the CPS thread.
 *
 * <p>Not a {@code GeneralNonBlockingStepExecution}: its {@code stop} interrupts the background work and then makes
 * every later background task, the body's end included, do nothing, so a stop while the block started or ended left
 * the end, the revocation and the cancelling of renewals undone; and its {@code onResume} fails the step without
 * telling the block. The block keeps its own phase instead (see {@link AwsRoleBlock}).
 *
 * <p>Stored in {@code program.dat}, with its {@link AwsRoleBlock}.
 */
final class AwsRoleStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    private final AwsRoleBlock block;

    AwsRoleStepExecution(StepContext context, String stage, String region, Integer duration) {
        super(context);
        this.block = new AwsRoleBlock(stage, region, duration);
    }

    @Override
    public boolean start() {
        block.start(getContext());
        return false;
    }

    /** Called on the CPS thread: the block decides and hands the work over, interrupting nothing. */
    @Override
    public void stop(Throwable cause) {
        block.stop(getContext(), cause);
    }

    /** After a controller restart: a fresh session for the rest of the body, or the block fails if it was cut. */
    @Override
    public void onResume() {
        block.afterRestart(getContext());
    }

    /** A restart waits while the block starts or ends, which a restart would cut. */
    @Override
    public boolean blocksRestart() {
        return block.isBusy();
    }

    @Override
    public String getStatus() {
        return "withAwsRole block: " + block.phase().name().toLowerCase(java.util.Locale.ROOT);
    }
}
