// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/security/ACL.java: declared only as the return type of AccessControlled.getACL().
package hudson.security;

public abstract class ACL {}
