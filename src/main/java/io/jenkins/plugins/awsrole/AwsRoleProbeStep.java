package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code awsRoleProbe(stage: 'deploy', asJob: 'team/app/feature-x')}: asks AWS directly whether it would give the
 * stage's role to a job that the trust mapping keeps out, and fails the build unless AWS refuses. A regression test for
 * the trust policy, to run on a schedule or after changing it.
 */
public final class AwsRoleProbeStep extends Step {

    private final String stage;
    private String asJob;
    private String asBranch;

    @DataBoundConstructor
    public AwsRoleProbeStep(String stage) {
        this.stage = stage == null ? "" : stage.strip();
    }

    public String getStage() {
        return stage;
    }

    @CheckForNull
    public String getAsJob() {
        return asJob;
    }

    /** The full name of the job to pretend to be; required (a setter only so that the step reads by name). */
    @DataBoundSetter
    public void setAsJob(String asJob) {
        this.asJob = asJob == null || asJob.isBlank() ? null : asJob.strip();
    }

    @CheckForNull
    public String getAsBranch() {
        return asBranch;
    }

    /** The branch the pretended build is of; empty for a job outside a multibranch project. */
    @DataBoundSetter
    public void setAsBranch(String asBranch) {
        this.asBranch = asBranch == null || asBranch.isBlank() ? null : asBranch.strip();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new AwsRoleProbeStepExecution(context, new TrustProbeRun(stage, asJob, asBranch));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "awsRoleProbe";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AwsRoleProbeStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
