package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code awsRoleDriftCheck()}: compares the AWS side (OIDC provider, role trust policies, session durations, inline
 * policies) with the trust mappings, reading IAM with the configured read-only drift reader role, and fails the build
 * on any difference. Only builds of the jobs an administrator allows may run it (never change requests or replays), a
 * recent report is reused, and the log gets a summary without account ids or role ARNs.
 */
public final class AwsRoleDriftCheckStep extends Step {

    @DataBoundConstructor
    public AwsRoleDriftCheckStep() {}

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context);
    }

    /** A few IAM reads; a restart in the middle fails the step, and running it again is harmless. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Void> {

        private static final long serialVersionUID = 1L;

        Execution(StepContext context) {
            super(context);
        }

        @Override
        protected Void run() throws Exception {
            DriftCheckRun.run(
                    RunIdentity.of(getContext().get(Run.class)), getContext().get(TaskListener.class));
            return null;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "awsRoleDriftCheck";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AwsRoleDriftCheckStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
