// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Job.java: the class declaration only (getFullName() comes from AbstractItem). The
// real class also implements ExtensionPoint, StaplerOverridable, ModelObjectWithChildren and HasWidgets; its only
// constructor is protected Job(ItemGroup, String). The package-private constructor here keeps the plugin from
// instantiating or subclassing it offline.
package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
    Job() {
        throw new UnsupportedOperationException();
    }
}
