// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/main/java/jenkins/scm/api/SCMHead.java: the members the plugin uses, and the nested HeadByItem. The runtime-only
// Stapler export annotations (@ExportedBean, @Exported) are left out.
package jenkins.scm.api;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Item;
import jenkins.scm.api.mixin.SCMHeadMixin;

public class SCMHead implements SCMHeadMixin {
    private static final long serialVersionUID = 1L;

    public SCMHead(@NonNull String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    @NonNull
    public String getName() {
        throw new UnsupportedOperationException();
    }

    @Override
    @NonNull
    public SCMHeadOrigin getOrigin() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int compareTo(SCMHead o) {
        throw new UnsupportedOperationException();
    }

    public abstract static class HeadByItem implements ExtensionPoint {
        @CheckForNull
        public abstract SCMHead getHead(Item item);

        @CheckForNull
        public static SCMHead findHead(Item item) {
            throw new UnsupportedOperationException();
        }
    }
}
