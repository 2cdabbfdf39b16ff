// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/ExtensionPoint.java (the deprecated nested annotation is left out).
package hudson;

public interface ExtensionPoint {}
