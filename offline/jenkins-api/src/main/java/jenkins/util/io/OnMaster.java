// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/jenkins/util/io/OnMaster.java.
package jenkins.util.io;

public interface OnMaster {}
