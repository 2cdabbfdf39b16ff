// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/triggers/SafeTimerTask.java: declared as a type, the superclass of PeriodicWork (run and
// doRun; the static helpers are left out).
package hudson.triggers;

import java.util.TimerTask;

public abstract class SafeTimerTask extends TimerTask {

    @Override
    public final void run() {
        throw new UnsupportedOperationException();
    }

    protected abstract void doRun() throws Exception;
}
