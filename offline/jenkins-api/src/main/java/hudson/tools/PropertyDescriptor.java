// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/tools/PropertyDescriptor.java: the class declaration and its two protected constructors,
// as the superclass of NodePropertyDescriptor. Its members are left out.
package hudson.tools;

import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class PropertyDescriptor<P extends Describable<P>, T> extends Descriptor<P> {
    protected PropertyDescriptor(Class<? extends P> clazz) {
        throw new UnsupportedOperationException();
    }

    protected PropertyDescriptor() {
        throw new UnsupportedOperationException();
    }
}
