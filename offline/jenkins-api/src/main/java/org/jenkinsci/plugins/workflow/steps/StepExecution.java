// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-step-api-plugin 0773c3c68734763741f08807407123c17a546ea2 (2025-11-17, the newest snapshot; the
// release 724.v538c2362b_dfb_ that the BOM manages is built from a commit the snapshot does not hold)
// src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java: the members the plugin uses (the
// deprecated no-argument constructor and the static applyAll/acceptAll helpers are left out).
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution(@NonNull StepContext context) {
        throw new UnsupportedOperationException();
    }

    public @NonNull StepContext getContext() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void onResume() {
        throw new UnsupportedOperationException();
    }

    public @CheckForNull String getStatus() {
        throw new UnsupportedOperationException();
    }

    public boolean blocksRestart() {
        throw new UnsupportedOperationException();
    }
}
