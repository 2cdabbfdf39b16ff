// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/security/Permission.java: declared as a type only; the plugin uses Jenkins.ADMINISTER.
package hudson.security;

public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException();
    }
}
