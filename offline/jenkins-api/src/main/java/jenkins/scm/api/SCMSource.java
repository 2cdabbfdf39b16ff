// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/main/java/jenkins/scm/api/SCMSource.java: the class declaration and its non-deprecated constructor, as the
// type BranchSource takes and the base of scm-api's MockSCMSource in the live tests. The abstract methods, the other
// members and the deprecated constructor SCMSource(String) are left out.
package jenkins.scm.api;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class SCMSource extends AbstractDescribableImpl<SCMSource> implements ExtensionPoint {
    protected SCMSource() {
        throw new UnsupportedOperationException();
    }
}
