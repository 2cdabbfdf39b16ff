// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/security/AuthorizationStrategy.java: the type only (tests install
// MockAuthorizationStrategy). Its abstract methods getRootACL and getGroups are left out, so the declaration of that
// subclass need not repeat them.
package hudson.security;

import hudson.ExtensionPoint;
import hudson.model.Describable;

public abstract class AuthorizationStrategy implements Describable<AuthorizationStrategy>, ExtensionPoint {}
