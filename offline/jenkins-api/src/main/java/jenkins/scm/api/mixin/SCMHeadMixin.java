// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/main/java/jenkins/scm/api/mixin/SCMHeadMixin.java: its methods (the restricted nested Equality and the Stapler
// export annotations are left out).
package jenkins.scm.api.mixin;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import jenkins.scm.api.SCMHead;
import jenkins.scm.api.SCMHeadOrigin;

public interface SCMHeadMixin extends Comparable<SCMHead>, Serializable {
    @NonNull
    String getName();

    @NonNull
    SCMHeadOrigin getOrigin();
}
