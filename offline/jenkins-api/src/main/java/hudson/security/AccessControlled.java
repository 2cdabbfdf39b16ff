// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/security/AccessControlled.java: getACL and checkPermission/hasPermission.
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    @NonNull
    ACL getACL();

    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException();
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException();
    }
}
