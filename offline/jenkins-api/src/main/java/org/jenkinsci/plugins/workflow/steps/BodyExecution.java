// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-step-api-plugin 0773c3c68734763741f08807407123c17a546ea2 (2025-11-17, the newest snapshot; the
// release 724.v538c2362b_dfb_ that the BOM manages is built from a commit the snapshot does not hold)
// src/main/java/org/jenkinsci/plugins/workflow/steps/BodyExecution.java: the members the plugin uses (the deprecated
// cancel(CauseOfInterruption...) and cancel(boolean) are left out).
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;
import java.util.Collection;
import java.util.concurrent.Future;

public abstract class BodyExecution implements Future<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public abstract Collection<StepExecution> getCurrentExecutions();

    public boolean cancel(Throwable t) {
        throw new UnsupportedOperationException();
    }
}
