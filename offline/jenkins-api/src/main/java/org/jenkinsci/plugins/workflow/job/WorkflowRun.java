// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-job-plugin
// 1571.1580.v18e46842c125
// src/main/java/org/jenkinsci/plugins/workflow/job/WorkflowRun.java: the class declaration and the constructor
// WorkflowRun(WorkflowJob) (the one taking a build directory is left out). The real class also implements
// LazyBuildMixIn.LazyLoadingRun and RunWithSCM, which the tests do not use.
package org.jenkinsci.plugins.workflow.job;

import java.io.IOException;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;

public final class WorkflowRun extends hudson.model.Run<WorkflowJob, WorkflowRun>
        implements FlowExecutionOwner.Executable {
    public WorkflowRun(WorkflowJob job) throws IOException {
        super(job);
        throw new UnsupportedOperationException();
    }
}
