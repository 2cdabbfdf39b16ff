// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/AbstractItem.java: the members the plugin uses. The real class extends Actionable
// and also implements Loadable, HttpDeletable, DescriptorByNameOwner and StaplerProxy. Its only constructor,
// protected AbstractItem(ItemGroup, String), is declared for the subclasses in other packages (cloudbees-folder's
// AbstractFolder); the Stapler @Exported annotation is left out.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;

public abstract class AbstractItem implements Item {
    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException();
    }
}
