// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/main/java/jenkins/scm/api/trait/SCMSourceTrait.java: the class declaration only, as the type of the traits a
// MockSCMSource takes in the live tests (its members are left out).
package jenkins.scm.api.trait;

public abstract class SCMSourceTrait extends SCMTrait<SCMSourceTrait> {}
