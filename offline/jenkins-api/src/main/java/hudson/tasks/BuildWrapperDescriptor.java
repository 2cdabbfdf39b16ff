// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/tasks/BuildWrapperDescriptor.java (the whole class: two constructors and isApplicable).
package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Descriptor;

public abstract class BuildWrapperDescriptor extends Descriptor<BuildWrapper> {
    protected BuildWrapperDescriptor(Class<? extends BuildWrapper> clazz) {
        throw new UnsupportedOperationException();
    }

    protected BuildWrapperDescriptor() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean isApplicable(AbstractProject<?, ?> item);
}
