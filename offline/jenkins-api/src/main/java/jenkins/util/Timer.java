// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/jenkins/util/Timer.java: get() only (shutdown() and the package-private executor field are left
// out).
package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ScheduledExecutorService;

public class Timer {

    @NonNull
    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException();
    }

    private Timer() {}
}
