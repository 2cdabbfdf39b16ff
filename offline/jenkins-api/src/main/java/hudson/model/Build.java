// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Build.java: the class declaration and the constructor protected Build(P) throws
// IOException, which FreeStyleBuild calls. Left out: the constructors taking a Calendar or a build directory, run(),
// createRunner() and the nested RunnerImpl and BuildExecution.
package hudson.model;

import java.io.IOException;

public abstract class Build<P extends Project<P, B>, B extends Build<P, B>> extends AbstractBuild<P, B> {
    protected Build(P project) throws IOException {
        super(project);
        throw new UnsupportedOperationException();
    }
}
