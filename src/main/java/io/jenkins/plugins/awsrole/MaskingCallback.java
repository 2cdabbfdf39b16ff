package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.mask.Masker;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.actions.ErrorAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The callback of a {@code withAwsRole} body: before the block's own ending sees a failure, hides the block's secrets
 * in it ({@link FailureMasking}), both in what is passed on (and printed outside the block) and in the error stored
 * with the flow node where it started. Stored in {@code program.dat}; holds the secrets only as the filter does, as
 * {@link hudson.util.Secret}.
 */
final class MaskingCallback extends BodyExecutionCallback {

    private static final long serialVersionUID = 1L;

    private static final Logger LOGGER = Logger.getLogger(MaskingCallback.class.getName());

    private final BodyExecutionCallback ending;
    private final AwsMaskingFilter filter;

    MaskingCallback(BodyExecutionCallback ending, AwsMaskingFilter filter) {
        this.ending = ending;
        this.filter = filter;
    }

    @Override
    public void onStart(StepContext context) {
        ending.onStart(context);
    }

    @Override
    public void onSuccess(StepContext context, Object result) {
        ending.onSuccess(context, result);
    }

    @Override
    public void onFailure(StepContext context, Throwable failure) {
        Throwable masked = failure;
        try {
            Masker masker = filter.masker();
            masked = FailureMasking.mask(failure, masker);
            if (masked != failure) {
                hideInNodes(context, masker);
            }
        } catch (RuntimeException e) {
            // Masking must never keep the block from ending (and its session from being revoked).
            LOGGER.log(Level.WARNING, "Could not mask the failure of a withAwsRole block: {0}", e.getClass());
        }
        ending.onFailure(context, masked);
    }

    /**
     * The flow nodes the failure went through (the step where it started, the ends of the blocks it left) keep their
     * own copy of it, shown on the build's pages and stored with the build: each error that mentions a secret of the
     * block is replaced by its masked copy.
     */
    private static void hideInNodes(StepContext context, Masker masker) {
        try {
            FlowExecution execution = context.get(FlowExecution.class);
            if (execution == null) {
                return;
            }
            for (FlowNode node : new DepthFirstScanner().allNodes(execution)) {
                ErrorAction error = node.getPersistentAction(ErrorAction.class);
                if (error == null) {
                    continue;
                }
                Throwable masked = FailureMasking.mask(error.getError(), masker);
                if (masked != error.getError()) {
                    node.replaceAction(new ErrorAction(masked));
                }
            }
        } catch (java.io.IOException e) {
            LOGGER.log(Level.WARNING, "Could not mask the errors stored with the flow nodes: {0}", e.getClass());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
