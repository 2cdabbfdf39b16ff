// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/AsyncPeriodicWork.java: the constructor, doRun and execute (the name field, the log
// file and logging-level hooks are left out).
package hudson.model;

import java.io.IOException;

public abstract class AsyncPeriodicWork extends PeriodicWork {

    protected AsyncPeriodicWork(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public final void doRun() {
        throw new UnsupportedOperationException();
    }

    protected abstract void execute(TaskListener listener) throws IOException, InterruptedException;
}
