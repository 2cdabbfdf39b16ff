// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/Cause.java: the class and its abstract method. The runtime-only Stapler export
// annotations (@ExportedBean, @Exported) are left out.
package hudson.model;

public abstract class Cause {
    public abstract String getShortDescription();
}
