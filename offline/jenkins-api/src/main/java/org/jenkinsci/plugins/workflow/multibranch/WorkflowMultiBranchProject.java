// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-multibranch-plugin
// 59f7718ddedeadd734a1683104b06f56f4df1fda (2026-04-27, the newest snapshot; the release 841.vec5b_9e1806ec that the
// BOM manages is built from a commit the snapshot does not hold)
// src/main/java/org/jenkinsci/plugins/workflow/multibranch/WorkflowMultiBranchProject.java: the class declaration and
// its constructor (the overrides, the nested DescriptorImpl and the @SuppressWarnings({"unchecked", "rawtypes"}) on
// the class are left out).
package org.jenkinsci.plugins.workflow.multibranch;

import hudson.model.ItemGroup;
import jenkins.branch.MultiBranchProject;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;

public class WorkflowMultiBranchProject extends MultiBranchProject<WorkflowJob, WorkflowRun> {
    public WorkflowMultiBranchProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }
}
