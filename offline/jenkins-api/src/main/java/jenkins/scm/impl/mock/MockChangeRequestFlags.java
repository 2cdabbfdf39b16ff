// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/test/java/jenkins/scm/impl/mock/MockChangeRequestFlags.java (in the plugin's tests jar): the constants. Their
// bodies and the abstract isApplicable(Set<MockRepositoryFlags>) they implement are left out.
package jenkins.scm.impl.mock;

public enum MockChangeRequestFlags {
    FORK,
    UNTRUSTED
}
