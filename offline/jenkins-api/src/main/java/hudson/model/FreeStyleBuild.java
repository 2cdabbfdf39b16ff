// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/FreeStyleBuild.java: the class declaration and its constructor
// public FreeStyleBuild(FreeStyleProject) throws IOException, for the result of JenkinsRule.buildAndAssertSuccess.
// Left out: the constructor that also takes a build directory and run().
package hudson.model;

import java.io.IOException;

public class FreeStyleBuild extends Build<FreeStyleProject, FreeStyleBuild> {
    public FreeStyleBuild(FreeStyleProject project) throws IOException {
        super(project);
        throw new UnsupportedOperationException();
    }
}
