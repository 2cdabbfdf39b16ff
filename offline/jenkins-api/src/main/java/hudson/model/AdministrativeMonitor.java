// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/AdministrativeMonitor.java: the no-argument constructor, getDisplayName and
// isActivated (StaplerProxy, the id field and the disable/permission members are left out).
package hudson.model;

import hudson.ExtensionPoint;

public abstract class AdministrativeMonitor extends AbstractModelObject implements ExtensionPoint {

    protected AdministrativeMonitor() {
        throw new UnsupportedOperationException();
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean isActivated();
}
