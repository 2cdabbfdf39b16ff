// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/jenkins/tasks/SimpleBuildWrapper.java: the members the plugin uses. Left out: the setUp overload
// that takes a workspace and launcher, createContext(), runPreCheckout(), the final setUp(AbstractBuild, …),
// preCheckout, decorateLogger and getProjectActions, makeBuildVariables, makeSensitiveBuildVariables; in Context the
// getDisposer(); in Disposer the tearDown overload with a workspace and requiresWorkspace().
package jenkins.tasks;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapper;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

public abstract class SimpleBuildWrapper extends BuildWrapper {
    public boolean requiresWorkspace() {
        throw new UnsupportedOperationException();
    }

    public void setUp(Context context, Run<?, ?> build, TaskListener listener, EnvVars initialEnvironment)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public @CheckForNull ConsoleLogFilter createLoggerDecorator(@NonNull Run<?, ?> build) {
        throw new UnsupportedOperationException();
    }

    public static final class Context {
        @Deprecated
        public Context() {
            throw new UnsupportedOperationException();
        }

        public void env(String key, String value) {
            throw new UnsupportedOperationException();
        }

        public @NonNull Map<String, String> getEnv() {
            throw new UnsupportedOperationException();
        }

        public void setDisposer(@NonNull Disposer disposer) {
            throw new UnsupportedOperationException();
        }
    }

    public abstract static class Disposer implements Serializable {
        public void tearDown(Run<?, ?> build, TaskListener listener) throws IOException, InterruptedException {
            throw new UnsupportedOperationException();
        }
    }
}
