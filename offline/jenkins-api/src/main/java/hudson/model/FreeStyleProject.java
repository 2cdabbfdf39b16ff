// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/jenkins
// jenkins-2.541.3
// core/src/main/java/hudson/model/FreeStyleProject.java: the class declaration and its public ItemGroup constructor,
// for JenkinsRule.createFreeStyleProject. Left out: the deprecated constructor taking a Jenkins, getBuildClass(),
// getDescriptor(), the DESCRIPTOR field and the nested DescriptorImpl.
package hudson.model;

public class FreeStyleProject extends Project<FreeStyleProject, FreeStyleBuild> implements TopLevelItem {
    @SuppressWarnings("rawtypes")
    public FreeStyleProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }
}
