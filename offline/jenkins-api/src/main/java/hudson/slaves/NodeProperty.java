// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/slaves/NodeProperty.java: the class declaration only, for the type of
// Jenkins.getGlobalNodeProperties() and as the superclass of EnvironmentVariablesNodeProperty; like the real one it
// declares no constructor. Its field node and all its methods are left out.
package hudson.slaves;

import hudson.ExtensionPoint;
import hudson.model.Node;
import hudson.model.ReconfigurableDescribable;

public abstract class NodeProperty<N extends Node>
        implements ReconfigurableDescribable<NodeProperty<?>>, ExtensionPoint {}
