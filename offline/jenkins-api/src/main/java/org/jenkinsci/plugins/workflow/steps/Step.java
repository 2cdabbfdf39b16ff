// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-step-api-plugin 0773c3c68734763741f08807407123c17a546ea2 (2025-11-17, the newest snapshot; the
// release 724.v538c2362b_dfb_ that the BOM manages is built from a commit the snapshot does not hold)
// src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java (the whole class).
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
