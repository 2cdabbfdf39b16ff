// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/ModelObject.java.
package hudson.model;

public interface ModelObject {
    String getDisplayName();
}
