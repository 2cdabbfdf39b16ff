// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-api-plugin
// 1413.v2ff1a_5e720fa_
// src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecutionOwner.java: the type only (its abstract methods are
// left out: the plugin neither implements nor calls them; a test passes null where one is asked for), and the nested
// Executable that WorkflowRun implements, without its asFlowExecutionOwner().
package org.jenkinsci.plugins.workflow.flow;

import hudson.model.Queue;
import java.io.Serializable;

public abstract class FlowExecutionOwner implements Serializable {
    private static final long serialVersionUID = 1796027762257567194L;

    public interface Executable extends Queue.Executable {}
}
