// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/jenkins/model/Loadable.java.
package jenkins.model;

import java.io.IOException;

public interface Loadable {
    void load() throws IOException;
}
