// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/InvisibleAction.java.
package hudson.model;

public abstract class InvisibleAction implements Action {
    @Override
    public final String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }
}
