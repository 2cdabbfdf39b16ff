// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/util/Secret.java: the members the plugin uses.
package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private Secret() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getPlainText() {
        throw new UnsupportedOperationException();
    }

    public String getEncryptedValue() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static String toString(@CheckForNull Secret s) {
        throw new UnsupportedOperationException();
    }
}
