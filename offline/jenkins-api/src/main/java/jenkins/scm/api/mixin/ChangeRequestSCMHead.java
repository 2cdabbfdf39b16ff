// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/main/java/jenkins/scm/api/mixin/ChangeRequestSCMHead.java (the whole interface; the Stapler export annotations
// are left out).
package jenkins.scm.api.mixin;

import edu.umd.cs.findbugs.annotations.NonNull;
import jenkins.scm.api.SCMHead;

public interface ChangeRequestSCMHead extends SCMHeadMixin {
    @NonNull
    String getId();

    @NonNull
    SCMHead getTarget();
}
