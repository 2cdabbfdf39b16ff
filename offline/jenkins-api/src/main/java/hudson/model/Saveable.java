// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Saveable.java (the NOOP constant is left out).
package hudson.model;

import java.io.IOException;

public interface Saveable {
    void save() throws IOException;
}
