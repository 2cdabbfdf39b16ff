// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/AbstractBuild.java: the class declaration only (AbstractProject's type parameters
// name it; Queue.Executable is in the bounds of ParameterizedJob) and its constructor protected AbstractBuild(P job)
// throws IOException. The real class also implements LazyBuildMixIn.LazyLoadingRun and RunWithSCM, and has two more
// constructors.
package hudson.model;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R>
        implements Queue.Executable {
    protected AbstractBuild(P job) throws java.io.IOException {
        super(job);
        throw new UnsupportedOperationException();
    }
}
