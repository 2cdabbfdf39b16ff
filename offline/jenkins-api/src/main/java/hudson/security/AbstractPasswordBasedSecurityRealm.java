// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/security/AbstractPasswordBasedSecurityRealm.java: the type only, as the superclass of
// JenkinsRule.DummySecurityRealm.
package hudson.security;

public abstract class AbstractPasswordBasedSecurityRealm extends SecurityRealm {}
