// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/EnvVars.java: the members the plugin uses. The real class keeps its keys in a TreeMap
// ordered by String.CASE_INSENSITIVE_ORDER; it does not override remove(Object), so TreeMap's remove applies.
package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 4320331661987259022L;

    public EnvVars() {
        throw new UnsupportedOperationException();
    }

    public void override(String key, String value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String put(String key, String value) {
        throw new UnsupportedOperationException();
    }
}
