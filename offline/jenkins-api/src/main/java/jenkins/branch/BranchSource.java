// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/branch-api-plugin
// 2.1280.v0d4e5b_b_460ef
// src/main/java/jenkins/branch/BranchSource.java: the class declaration and its @DataBoundConstructor (the deprecated
// constructor taking a BranchPropertyStrategy, the members and the nested DescriptorImpl are left out).
package jenkins.branch;

import hudson.model.AbstractDescribableImpl;
import jenkins.scm.api.SCMSource;
import org.kohsuke.stapler.DataBoundConstructor;

public class BranchSource extends AbstractDescribableImpl<BranchSource> {
    @DataBoundConstructor
    public BranchSource(SCMSource source) {
        throw new UnsupportedOperationException();
    }
}
