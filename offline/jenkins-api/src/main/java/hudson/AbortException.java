// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3 core/src/main/java/hudson/AbortException.java.
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
        throw new UnsupportedOperationException();
    }

    public AbortException(String message) {
        throw new UnsupportedOperationException();
    }
}
