// Offline declaration (see offline/jenkins-api/pom.xml); checked against jenkinsci/workflow-api-plugin tag
// 1413.v2ff1a_5e720fa_ src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java: getId only. The real class
// extends Actionable and implements Saveable; neither is used here (the Stapler @Exported annotation is left out).
package org.jenkinsci.plugins.workflow.graph;

public abstract class FlowNode {
    FlowNode() {
        throw new UnsupportedOperationException();
    }

    public String getId() {
        throw new UnsupportedOperationException();
    }
}
