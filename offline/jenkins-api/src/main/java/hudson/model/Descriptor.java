// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Descriptor.java: the members the plugin uses.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import jakarta.servlet.ServletException;
import java.io.IOException;
import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException();
    }

    protected Descriptor() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void save() {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void load() {
        throw new UnsupportedOperationException();
    }

    protected static <T> Class<T> self() {
        throw new UnsupportedOperationException();
    }

    public static final class FormException extends Exception implements HttpResponse {
        public FormException(String message, String formField) {
            throw new UnsupportedOperationException();
        }

        public FormException(String message, Throwable cause, String formField) {
            throw new UnsupportedOperationException();
        }

        public FormException(Throwable cause, String formField) {
            throw new UnsupportedOperationException();
        }

        public String getFormField() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
                throws IOException, ServletException {
            throw new UnsupportedOperationException();
        }
    }
}
