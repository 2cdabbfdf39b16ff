// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/UnprotectedRootAction.java.
package hudson.model;

import hudson.ExtensionPoint;

public interface UnprotectedRootAction extends RootAction, ExtensionPoint {}
