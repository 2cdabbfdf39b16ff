// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-cps-plugin
// e007b7ff217858d076756b06a9cc352a881fda4c (2026-07-21, the newest snapshot; the release 4370.v49a_6937566b_6 that
// the BOM manages is built from a commit the snapshot does not hold)
// plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/replay/ReplayAction.java: the class declaration, Action's
// three methods, getOriginalScript and run(String, Map, boolean), with which the live tests replay a build as the
// Replay page does (the class is also annotated @SuppressWarnings("rawtypes"); its other members, the deprecated run
// and run2 overloads, REPLAY and the nested Factory are left out). Main code must not refer to this class (the plugin
// does not depend on workflow-cps).
package org.jenkinsci.plugins.workflow.cps.replay;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Action;
import hudson.model.Run;
import hudson.model.queue.QueueTaskFuture;
import java.util.Map;

public class ReplayAction implements Action {
    private ReplayAction(Run run) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }

    public String getOriginalScript() {
        throw new UnsupportedOperationException();
    }

    public @CheckForNull QueueTaskFuture run(
            @NonNull String replacementMainScript,
            @NonNull Map<String, String> replacementLoadedScripts,
            boolean rebuilt) {
        throw new UnsupportedOperationException();
    }
}
