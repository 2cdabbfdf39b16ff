// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-step-api-plugin 0773c3c68734763741f08807407123c17a546ea2 (2025-11-17, the newest snapshot; the
// release 724.v538c2362b_dfb_ that the BOM manages is built from a commit the snapshot does not hold)
// src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java (all non-private members).
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class GeneralNonBlockingStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected GeneralNonBlockingStepExecution(StepContext context) {
        super(context);
        throw new UnsupportedOperationException();
    }

    @FunctionalInterface
    protected interface Block {
        void run() throws Exception;
    }

    protected final void run(Block block) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onResume() {
        throw new UnsupportedOperationException();
    }

    @Override
    public @NonNull String getStatus() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean blocksRestart() {
        throw new UnsupportedOperationException();
    }

    protected abstract class TailCall extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        protected abstract void finished(StepContext context) throws Exception;

        @Override
        public final void onSuccess(StepContext context, Object result) {
            throw new UnsupportedOperationException();
        }

        @Override
        public final void onFailure(StepContext context, Throwable t) {
            throw new UnsupportedOperationException();
        }
    }
}
