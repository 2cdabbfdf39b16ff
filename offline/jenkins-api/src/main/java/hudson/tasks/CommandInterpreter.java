// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/tasks/CommandInterpreter.java: the class declaration and its constructor
// protected CommandInterpreter(String), which Shell calls. The real class also implements EnvVarsFilterableBuilder;
// its members, abstract ones included, are left out.
package hudson.tasks;

public abstract class CommandInterpreter extends Builder {
    protected CommandInterpreter(String command) {
        throw new UnsupportedOperationException();
    }
}
