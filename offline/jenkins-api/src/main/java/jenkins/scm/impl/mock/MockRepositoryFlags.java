// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/test/java/jenkins/scm/impl/mock/MockRepositoryFlags.java (in the plugin's tests jar; the whole enum).
package jenkins.scm.impl.mock;

public enum MockRepositoryFlags {
    FORKABLE,
    TRUST_AWARE
}
