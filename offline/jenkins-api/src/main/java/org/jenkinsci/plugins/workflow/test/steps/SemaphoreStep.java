// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-support-plugin
// 1015.v785e5a_b_b_8b_22
// src/test/java/org/jenkinsci/plugins/workflow/test/steps/SemaphoreStep.java (in the plugin's tests jar): the class
// declaration, its @DataBoundConstructor, start (abstract in Step) and the static waitForStart and success the live
// tests use. The deprecated instance methods, failure, getId, the nested Execution and DescriptorImpl are left out.
package org.jenkinsci.plugins.workflow.test.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Run;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

public final class SemaphoreStep extends Step implements Serializable {
    @DataBoundConstructor
    public SemaphoreStep(String id) {
        throw new UnsupportedOperationException();
    }

    public static void success(String k, Object returnValue) {
        throw new UnsupportedOperationException();
    }

    public static void waitForStart(@NonNull String k, @CheckForNull Run<?, ?> b)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        throw new UnsupportedOperationException();
    }

    private static final long serialVersionUID = 1L;
}
