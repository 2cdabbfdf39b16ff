package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.util.Objects;
import java.util.function.Function;
import jenkins.model.Jenkins;
import jenkins.scm.api.SCMHead;
import jenkins.scm.api.SCMHeadOrigin;
import jenkins.scm.api.mixin.ChangeRequestSCMHead;
import jenkins.scm.api.mixin.TagSCMHead;

/**
 * Reads the {@link BuildIdentity} of a run: the facts that trust decisions and identity tokens are made of.
 *
 * <p>Every fact comes from an object the build itself cannot change:
 *
 * <ul>
 *   <li>job full name, build number and URL from the {@link Run} and the Jenkins root URL (no root URL configured
 *       means no build URL, never a made-up one);
 *   <li>branch, change request, fork and tag from the {@link SCMHead} that branch-api assigned to the job, which is
 *       what branch-api's {@code BranchNameContributor} turns into {@code BRANCH_NAME}, {@code CHANGE_ID},
 *       {@code CHANGE_FORK} and {@code TAG_NAME}. A head that is a {@link TagSCMHead} is a tag, never a branch, though
 *       its name is what {@code BRANCH_NAME} says too: a tag named {@code release/x} must not pass for a branch;
 *   <li>replay from the run's causes ({@link ReplayFacts}).
 * </ul>
 *
 * <p>Environment variables are deliberately <em>not</em> read. {@code Run.getEnvironment} applies build parameters
 * after the environment contributors, and a step context's environment includes {@code withEnv}, so a Jenkinsfile
 * that declares a {@code BRANCH_NAME} parameter, or wraps the block in {@code withEnv(['BRANCH_NAME=main'])}, could
 * claim another branch. A job outside a multibranch project has no head and therefore no branch, whatever its
 * environment says.
 */
public final class RunIdentity {

    private final Function<Item, SCMHead> heads;
    private final String rootUrl;

    /**
     * @param heads finds the SCM head of a job ({@link SCMHead.HeadByItem#findHead} in Jenkins)
     * @param rootUrl the Jenkins root URL ending in {@code /}, or {@code null} when none is configured
     */
    RunIdentity(@NonNull Function<Item, SCMHead> heads, @CheckForNull String rootUrl) {
        this.heads = Objects.requireNonNull(heads, "heads");
        this.rootUrl = rootUrl;
    }

    /** The identity of a run in this Jenkins. Call it on the controller (it reads the root URL and the job's head). */
    public static @NonNull BuildIdentity of(@NonNull Run<?, ?> run) {
        return new RunIdentity(SCMHead.HeadByItem::findHead, Jenkins.get().getRootUrl()).identify(run);
    }

    @NonNull
    BuildIdentity identify(@NonNull Run<?, ?> run) {
        Job<?, ?> job = run.getParent();
        SCMHead head = heads.apply(job);
        boolean replayed = ReplayFacts.isReplayed(run);
        String changeRequestId = head instanceof ChangeRequestSCMHead cr ? cr.getId() : null;
        if (changeRequestId == null && head instanceof TagSCMHead) {
            return BuildIdentity.ofTag(job.getFullName(), run.getNumber(), buildUrl(run), head.getName(), replayed);
        }
        // Same test as BranchNameContributor's CHANGE_FORK: a change request whose head lives in another repository.
        boolean fromFork = changeRequestId != null && head.getOrigin() instanceof SCMHeadOrigin.Fork;
        return new BuildIdentity(
                job.getFullName(),
                run.getNumber(),
                buildUrl(run),
                head == null ? null : head.getName(),
                changeRequestId,
                fromFork,
                replayed);
    }

    /** The same value Jenkins puts in {@code BUILD_URL} (core {@code CoreEnvironmentContributor}). */
    @CheckForNull
    private String buildUrl(Run<?, ?> run) {
        return rootUrl == null ? null : rootUrl + run.getUrl();
    }
}
