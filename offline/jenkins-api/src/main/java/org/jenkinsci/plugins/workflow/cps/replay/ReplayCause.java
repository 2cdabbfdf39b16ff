// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-cps-plugin
// e007b7ff217858d076756b06a9cc352a881fda4c (2026-07-21, the newest snapshot; the release 4370.v49a_6937566b_6 that
// the BOM manages is built from a commit the snapshot does not hold)
// plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/replay/ReplayCause.java: the members the plugin's tests use.
// Main code must not refer to this class (the plugin does not depend on workflow-cps); it recognises it by name.
package org.jenkinsci.plugins.workflow.cps.replay;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Cause;
import hudson.model.Run;

public class ReplayCause extends Cause {
    ReplayCause(@NonNull Run<?, ?> original, boolean rebuilt) {
        throw new UnsupportedOperationException();
    }

    public int getOriginalNumber() {
        throw new UnsupportedOperationException();
    }

    public boolean isRebuilt() {
        throw new UnsupportedOperationException();
    }

    public @CheckForNull Run<?, ?> getOriginal() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getShortDescription() {
        throw new UnsupportedOperationException();
    }
}
