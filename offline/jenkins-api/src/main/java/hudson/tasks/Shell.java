// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/tasks/Shell.java: the class declaration and its constructor, with which the tests add a
// shell build step. Left out: the setters, the overrides of CommandInterpreter and the nested DescriptorImpl.
package hudson.tasks;

import org.kohsuke.stapler.DataBoundConstructor;

public class Shell extends CommandInterpreter {
    @DataBoundConstructor
    public Shell(String command) {
        super(command);
        throw new UnsupportedOperationException();
    }
}
