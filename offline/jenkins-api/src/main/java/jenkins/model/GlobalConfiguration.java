// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/jenkins/model/GlobalConfiguration.java: the members the plugin uses.
package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {
    protected GlobalConfiguration() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException();
    }
}
