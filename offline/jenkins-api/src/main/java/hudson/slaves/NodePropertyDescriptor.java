// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/slaves/NodePropertyDescriptor.java: the class declaration and its two protected
// constructors, for the type of Jenkins.getGlobalNodeProperties(). Its isApplicableAsGlobal() is left out.
package hudson.slaves;

import hudson.model.Node;
import hudson.tools.PropertyDescriptor;

public abstract class NodePropertyDescriptor extends PropertyDescriptor<NodeProperty<?>, Node> {
    protected NodePropertyDescriptor(Class<? extends NodeProperty<?>> clazz) {
        throw new UnsupportedOperationException();
    }

    protected NodePropertyDescriptor() {
        throw new UnsupportedOperationException();
    }
}
