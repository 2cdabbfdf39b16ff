// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/AbstractProject.java: the class declaration only (the plugin names it in
// BuildWrapperDescriptor.isApplicable). The real class also implements BuildableItem, LazyBuildMixIn.LazyLoadingJob
// and ParameterizedJobMixIn.ParameterizedJob; its constructor is protected AbstractProject(ItemGroup, String). The
// package-private constructor here keeps the plugin from instantiating or subclassing it offline.
package hudson.model;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>>
        extends Job<P, R> {
    AbstractProject() {
        throw new UnsupportedOperationException();
    }
}
