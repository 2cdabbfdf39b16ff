// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-api-plugin
// 1413.v2ff1a_5e720fa_
// src/main/java/org/jenkinsci/plugins/workflow/flow/FlowDefinition.java: the type only, as the superclass of
// CpsFlowDefinition and the parameter of WorkflowJob.setDefinition (create, getDescriptor and getSCMs are left out).
package org.jenkinsci.plugins.workflow.flow;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class FlowDefinition extends AbstractDescribableImpl<FlowDefinition> implements ExtensionPoint {}
