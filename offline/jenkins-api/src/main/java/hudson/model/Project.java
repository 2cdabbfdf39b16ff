// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Project.java: the class declaration, its only constructor (which FreeStyleProject
// calls) and getBuildersList() and getBuildWrappersList(), through which the tests configure a freestyle project. The
// real class also implements SCMTriggerItem, Saveable, ProjectWithMaven and BuildableItemWithBuildWrappers, which the
// tests do not use.
package hudson.model;

import hudson.tasks.BuildWrapper;
import hudson.tasks.Builder;
import hudson.util.DescribableList;

public abstract class Project<P extends Project<P, B>, B extends Build<P, B>> extends AbstractProject<P, B> {
    @SuppressWarnings("rawtypes")
    protected Project(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    public DescribableList<Builder, Descriptor<Builder>> getBuildersList() {
        throw new UnsupportedOperationException();
    }

    public DescribableList<BuildWrapper, Descriptor<BuildWrapper>> getBuildWrappersList() {
        throw new UnsupportedOperationException();
    }
}
