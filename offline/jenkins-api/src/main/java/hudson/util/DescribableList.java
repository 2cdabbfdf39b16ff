// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/util/DescribableList.java: the class declaration (the tests call add, which it inherits
// from PersistedList) and its protected no-argument constructor. Left out: the other constructors, all its own
// members and the nested Owner and ConverterImpl.
package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;

public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> extends PersistedList<T> {
    protected DescribableList() {
        throw new UnsupportedOperationException();
    }
}
