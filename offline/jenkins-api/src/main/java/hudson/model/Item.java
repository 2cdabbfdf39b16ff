// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Item.java: the members the plugin uses (CONFIGURE is null here, like the
// permissions in the Jenkins declaration). The real interface also extends
// PersistenceRoot, FullyNamedModelObject, SearchableModelObject, FullyNamed and Named, which the plugin does not use.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.util.io.OnMaster;

public interface Item extends AccessControlled, OnMaster {
    /** The real value is a Permission in the Item group; the plugin only passes it to hasPermission. */
    Permission CONFIGURE = null;

    @NonNull
    String getFullName();
}
