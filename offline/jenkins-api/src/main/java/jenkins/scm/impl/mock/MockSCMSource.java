// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/test/java/jenkins/scm/impl/mock/MockSCMSource.java (in the plugin's tests jar): the class declaration and the
// constructor the live tests use. The other constructors (the @DataBoundConstructor takes a controller id and a
// List<SCMSourceTrait>), the members and the nested DescriptorImpl are left out.
package jenkins.scm.impl.mock;

import jenkins.scm.api.SCMSource;
import jenkins.scm.api.trait.SCMSourceTrait;

public class MockSCMSource extends SCMSource {
    public MockSCMSource(MockSCMController controller, String repository, SCMSourceTrait... traits) {
        throw new UnsupportedOperationException();
    }
}
