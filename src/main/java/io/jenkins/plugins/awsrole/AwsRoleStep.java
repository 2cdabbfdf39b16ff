package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withAwsRole(stage: 'deploy') { … }}: runs its block with short-lived credentials of the IAM role that the
 * administrator mapped to the stage. The block may ask for a region or a shorter session, never for more than the
 * mapping allows.
 *
 * <p>A block step rather than a build wrapper, because only a block step can report its variables as sensitive and keep
 * the credentials out of {@code program.dat} in clear. It works inside and outside {@code node}.
 */
public final class AwsRoleStep extends Step {

    private final String stage;
    private String region;
    private Integer duration;

    @DataBoundConstructor
    public AwsRoleStep(String stage) {
        this.stage = stage == null ? "" : stage.strip();
    }

    public String getStage() {
        return stage;
    }

    @CheckForNull
    public String getRegion() {
        return region;
    }

    /** A region for the block, where the mapping names none; empty for the mapping's or the default. */
    @DataBoundSetter
    public void setRegion(String region) {
        this.region = region == null || region.isBlank() ? null : region.strip();
    }

    @CheckForNull
    public Integer getDuration() {
        return duration;
    }

    /** A session duration in seconds, at most the mapping's; empty for the mapping's. */
    @DataBoundSetter
    public void setDuration(Integer duration) {
        this.duration = duration;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new AwsRoleStepExecution(context, stage, region, duration);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "withAwsRole";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AwsRoleStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }
    }
}
