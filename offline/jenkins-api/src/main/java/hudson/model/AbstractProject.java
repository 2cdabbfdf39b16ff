// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/AbstractProject.java: the class declaration (the plugin names it in
// BuildWrapperDescriptor.isApplicable; its ParameterizedJob lets the tests pass a FreeStyleProject to
// JenkinsRule.buildAndAssertStatus) and its constructor. The real class also implements LazyBuildMixIn.LazyLoadingJob
// (and is annotated @SuppressWarnings("rawtypes")).
package hudson.model;

import jenkins.model.ParameterizedJobMixIn;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R>
        implements BuildableItem, ParameterizedJobMixIn.ParameterizedJob<P, R> {
    @SuppressWarnings("rawtypes")
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }
}
