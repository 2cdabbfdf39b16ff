package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.Glob;
import io.jenkins.plugins.awsrole.engine.trust.GlobSet;
import java.util.List;
import java.util.Optional;

/**
 * Which builds may run the trust checks from a Pipeline ({@code awsRoleProbe}, {@code awsRoleDriftCheck}): each makes
 * the controller sign tokens and call AWS for whoever wrote the Pipeline, so only the jobs an administrator lists may,
 * and never a change request or a replay, whose code the job's owners did not review.
 *
 * <p>An empty list allows no job. The decision uses facts the controller knows about the build ({@link
 * BuildIdentity}), never anything the Pipeline says about itself.
 */
public final class TrustCheckGate {

    private final GlobSet jobs;

    /**
     * @param jobPatterns full job names or patterns ({@link Glob}); patterns with errors allow nothing
     */
    public TrustCheckGate(List<String> jobPatterns) {
        this.jobs = GlobSet.compile(
                jobPatterns.stream().filter(p -> Glob.problem(p) == null).toList());
    }

    /**
     * Why this build may not run the step, or empty when it may.
     *
     * @param step the step's name, for the message
     */
    public Optional<String> refusal(String step, BuildIdentity build) {
        if (build.isChangeRequest()) {
            return Optional.of(step + " does not run in change requests (" + build.jobFullName() + "): their code is"
                    + " not yet reviewed. Run it on a branch of a job that may run trust checks.");
        }
        if (build.replayed()) {
            return Optional.of(step + " does not run in replayed builds: a replay runs a script edited in the browser."
                    + " Run it from the job's own Pipeline.");
        }
        if (!jobs.matchesAny(build.jobFullName())) {
            return Optional.of(step + " may run only in jobs an administrator allows, and job '" + build.jobFullName()
                    + "' is not one of them. Ask an administrator to add it to 'Jobs that may run trust checks'"
                    + " (Manage Jenkins > System > AWS OIDC Role; JCasC trustCheckJobs).");
        }
        return Optional.empty();
    }
}
