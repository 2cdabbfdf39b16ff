// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Queue.java: the nested types Task and Executable only, for the bounds of
// ParameterizedJobMixIn and JenkinsRule.buildAndAssertSuccess, and Item, as the type ComputedFolder.scheduleBuild2
// returns (the real Item also implements QueueItem and has only protected constructors, replaced here by a
// package-private one; its members are left out). The real class extends ResourceController and
// implements Saveable; its only constructor is public Queue(LoadBalancer), replaced here by a package-private one that
// keeps it from being instantiated offline. The real Task extends FullyNamedModelObject and SubTask, the real
// Executable extends Runnable and WithConsoleUrl; their members are left out.
package hudson.model;

public class Queue {
    Queue() {
        throw new UnsupportedOperationException();
    }

    public interface Task {}

    public interface Executable {}

    public abstract static class Item extends Actionable {
        Item() {
            throw new UnsupportedOperationException();
        }
    }
}
