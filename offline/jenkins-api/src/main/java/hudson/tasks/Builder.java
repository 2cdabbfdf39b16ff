// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/tasks/Builder.java: the class declaration only (Project.getBuildersList names it; the
// tests add a Shell). The real class extends BuildStepCompatibilityLayer (which implements BuildStep) and has members
// the tests do not use; like the real one it declares no constructor.
package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;

public abstract class Builder implements Describable<Builder>, ExtensionPoint {}
