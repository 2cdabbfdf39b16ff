// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-cps-plugin
// e007b7ff217858d076756b06a9cc352a881fda4c (2026-07-21, the newest snapshot; the release 4370.v49a_6937566b_6 that
// the BOM manages is built from a commit the snapshot does not hold)
// plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsFlowDefinition.java: the constructor the tests use.
package org.jenkinsci.plugins.workflow.cps;

import hudson.model.Descriptor;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public class CpsFlowDefinition extends FlowDefinition {
    public CpsFlowDefinition(String script, boolean sandbox) throws Descriptor.FormException {
        throw new UnsupportedOperationException();
    }
}
