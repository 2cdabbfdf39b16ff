// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/util/ListBoxModel.java: the members the plugin uses (the @ExportedBean annotations, the
// other constructors and add overloads, writeTo and values() are left out). Option is declared as a type only; the
// real one has public fields name, value, selected and public constructors.
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    public static final class Option {
        Option() {
            throw new UnsupportedOperationException();
        }
    }

    public ListBoxModel() {
        throw new UnsupportedOperationException();
    }

    public ListBoxModel add(@NonNull String nameAndValue) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
            throws IOException, ServletException {
        throw new UnsupportedOperationException();
    }
}
