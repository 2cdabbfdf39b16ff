// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/console/ConsoleLogFilter.java: the overload the plugin overrides. The deprecated
// decorateLogger(AbstractBuild, OutputStream), decorateLogger(Computer, OutputStream) and all() are left out.
package hudson.console;

import hudson.ExtensionPoint;
import hudson.model.Run;
import java.io.IOException;
import java.io.OutputStream;

public abstract class ConsoleLogFilter implements ExtensionPoint {
    @SuppressWarnings("rawtypes")
    public OutputStream decorateLogger(Run build, OutputStream logger) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }
}
