// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/jenkins-test-harness
// 2578.v44660312fd37
// src/main/java/org/jvnet/hudson/test/JenkinsRule.java: the type and configRoundtrip(). The real class implements JUnit
// 4's TestRule
// and MethodRule and Jenkins' RootAction; the offline build has no JUnit 4 and compiles only tests that receive a
// JenkinsRule as a parameter from @WithJenkins.
package org.jvnet.hudson.test;

public class JenkinsRule {
    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException();
    }
}
