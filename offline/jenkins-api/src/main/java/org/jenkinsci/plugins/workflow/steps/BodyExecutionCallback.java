// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-step-api-plugin 0773c3c68734763741f08807407123c17a546ea2 (2025-11-17, the newest snapshot; the
// release 724.v538c2362b_dfb_ that the BOM manages is built from a commit the snapshot does not hold)
// src/main/java/org/jenkinsci/plugins/workflow/steps/BodyExecutionCallback.java (all non-private members).
package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.Serializable;

public abstract class BodyExecutionCallback implements Serializable {
    private static final long serialVersionUID = 1L;

    public void onStart(StepContext context) {
        throw new UnsupportedOperationException();
    }

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);

    public static BodyExecutionCallback wrap(FutureCallback<Object> v) {
        throw new UnsupportedOperationException();
    }

    public abstract static class TailCall extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        protected abstract void finished(StepContext context) throws Exception;

        @Override
        public final void onSuccess(StepContext context, Object result) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            throw new UnsupportedOperationException();
        }
    }
}
