// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/slaves/EnvironmentVariablesNodeProperty.java: the class declaration, its varargs
// constructor and the nested Entry with its public constructor, with which the tests set a global environment
// variable. Left out: the @DataBoundConstructor taking a List<Entry>, the fields and methods, the nested
// DescriptorImpl,
// and Entry's public fields key and value and its private constructor.
package hudson.slaves;

import hudson.model.Node;
import org.kohsuke.stapler.DataBoundConstructor;

public class EnvironmentVariablesNodeProperty extends NodeProperty<Node> {
    public EnvironmentVariablesNodeProperty(Entry... env) {
        throw new UnsupportedOperationException();
    }

    public static class Entry {
        @DataBoundConstructor
        public Entry(String key, String value) {
            throw new UnsupportedOperationException();
        }
    }
}
