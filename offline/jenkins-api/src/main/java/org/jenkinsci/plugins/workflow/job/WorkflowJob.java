// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-job-plugin
// 1571.1580.v18e46842c125
// src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowJob.java: the constructor, setDefinition, and the overrides
// getBuildByNumber (of Job) and scheduleBuild2 (of ParameterizedJob's default method), declared here without @Override
// because their originals are not. The real class also implements LazyBuildMixIn.LazyLoadingJob, Queue.FlyweightTask,
// SCMTriggerItem and BlockableResume, which the tests do not use.
package org.jenkinsci.plugins.workflow.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.TopLevelItem;
import hudson.model.queue.QueueTaskFuture;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun>
        implements ParameterizedJobMixIn.ParameterizedJob<WorkflowJob, WorkflowRun>, TopLevelItem {
    public WorkflowJob(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException();
    }

    public WorkflowRun getBuildByNumber(int n) {
        throw new UnsupportedOperationException();
    }

    public @CheckForNull QueueTaskFuture<WorkflowRun> scheduleBuild2(int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException();
    }
}
