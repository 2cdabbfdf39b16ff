// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/tasks/BuildWrapper.java: the class declaration only (the plugin extends it through
// SimpleBuildWrapper, which makes the build-time methods final).
package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;

public abstract class BuildWrapper implements Describable<BuildWrapper>, ExtensionPoint {}
