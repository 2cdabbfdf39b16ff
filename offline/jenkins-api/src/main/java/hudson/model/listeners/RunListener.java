// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/listeners/RunListener.java: the no-argument constructor and onFinalized, the
// members the plugin uses (the other callbacks, targetType and the static fire* methods are left out).
package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Run;

@SuppressWarnings("rawtypes")
public abstract class RunListener<R extends Run> implements ExtensionPoint {
    protected RunListener() {
        throw new UnsupportedOperationException();
    }

    public void onFinalized(R r) {
        throw new UnsupportedOperationException();
    }
}
