// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Action.java: the abstract methods (default methods the plugin does not use are left
// out).
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public interface Action extends ModelObject {
    @CheckForNull
    String getIconFileName();

    @Override
    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
