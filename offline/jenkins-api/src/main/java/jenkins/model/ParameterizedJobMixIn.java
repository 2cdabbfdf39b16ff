// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/jenkins/model/ParameterizedJobMixIn.java: the class and its nested ParameterizedJob as types only,
// for the bounds of JenkinsRule.buildAndAssertSuccess. The real ParameterizedJob also extends TriggeredItem and has
// default methods (scheduleBuild2 and others) the tests do not use; the real class has a public no-argument
// constructor, replaced here by a package-private one.
package jenkins.model;

import hudson.model.BuildableItem;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;

public abstract class ParameterizedJobMixIn<
        JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task,
        RunT extends Run<JobT, RunT> & Queue.Executable> {
    ParameterizedJobMixIn() {
        throw new UnsupportedOperationException();
    }

    public interface ParameterizedJob<
                    JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task,
                    RunT extends Run<JobT, RunT> & Queue.Executable>
            extends BuildableItem {}
}
