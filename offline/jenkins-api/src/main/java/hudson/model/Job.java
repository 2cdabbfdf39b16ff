// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Job.java: the class declaration and its only constructor, which WorkflowJob calls
// (getFullName() comes from AbstractItem). The real class also implements ExtensionPoint, StaplerOverridable,
// ModelObjectWithChildren and HasWidgets.
package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }
}
