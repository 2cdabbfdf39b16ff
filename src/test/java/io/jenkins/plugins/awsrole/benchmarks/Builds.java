package io.jenkins.plugins.awsrole.benchmarks;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;

/** Runs a Pipeline build to its end for a benchmark, which must fail rather than time a build that failed. */
final class Builds {

    private Builds() {}

    /**
     * Schedules a build of {@code job}, waits for its end, and returns it.
     *
     * @throws IllegalStateException when the build did not succeed, with the end of its log
     */
    static WorkflowRun succeed(WorkflowJob job) throws Exception {
        WorkflowRun run = job.scheduleBuild2(0).get();
        if (run.getResult() != Result.SUCCESS) {
            String log = run.getLog();
            throw new IllegalStateException(job.getFullName() + " #" + run.getNumber() + " ended " + run.getResult()
                    + ":\n" + log.substring(Math.max(0, log.length() - 4000)));
        }
        return run;
    }
}
