// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/jenkins/model/Jenkins.java: the members the plugin uses. The real class extends AbstractCIBase
// and implements many interfaces; only AccessControlled (through which the plugin checks permissions) is declared.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = null;

    protected Jenkins() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    public @Nullable String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException();
    }
}
