// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/test/java/jenkins/scm/impl/mock/MockSCMDiscoverBranches.java (in the plugin's tests jar): the class declaration
// and its @DataBoundConstructor (decorateContext, includeCategory and the nested DescriptorImpl are left out).
package jenkins.scm.impl.mock;

import jenkins.scm.api.trait.SCMSourceTrait;
import org.kohsuke.stapler.DataBoundConstructor;

public class MockSCMDiscoverBranches extends SCMSourceTrait {
    @DataBoundConstructor
    public MockSCMDiscoverBranches() {
        throw new UnsupportedOperationException();
    }
}
