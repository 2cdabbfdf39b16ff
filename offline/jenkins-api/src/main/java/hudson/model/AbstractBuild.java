// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/AbstractBuild.java: the class declaration only (AbstractProject's type parameters
// name it). The real class also implements Queue.Executable, LazyBuildMixIn.LazyLoadingRun and RunWithSCM; its
// constructors are protected and take a project. The package-private constructor here keeps the plugin from
// instantiating or subclassing it offline.
package hudson.model;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    AbstractBuild() {
        throw new UnsupportedOperationException();
    }
}
