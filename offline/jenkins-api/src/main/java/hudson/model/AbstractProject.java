// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/AbstractProject.java: the class declaration only (the plugin names it in
// BuildWrapperDescriptor.isApplicable) and its constructor. The real class also implements BuildableItem,
// LazyBuildMixIn.LazyLoadingJob and ParameterizedJobMixIn.ParameterizedJob.
package hudson.model;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>>
        extends Job<P, R> {
    @SuppressWarnings("rawtypes")
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }
}
