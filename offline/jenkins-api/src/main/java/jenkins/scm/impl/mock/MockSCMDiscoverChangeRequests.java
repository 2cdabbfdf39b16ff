// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/test/java/jenkins/scm/impl/mock/MockSCMDiscoverChangeRequests.java (in the plugin's tests jar): the class
// declaration and its @DataBoundConstructor, which takes the checkout strategies by name ("HEAD", "MERGE"). The
// constructors taking ChangeRequestCheckoutStrategy values, the members and the nested DescriptorImpl are left out.
package jenkins.scm.impl.mock;

import jenkins.scm.api.trait.SCMSourceTrait;
import org.kohsuke.stapler.DataBoundConstructor;

public class MockSCMDiscoverChangeRequests extends SCMSourceTrait {
    @DataBoundConstructor
    public MockSCMDiscoverChangeRequests(String strategiesStr) {
        throw new UnsupportedOperationException();
    }
}
