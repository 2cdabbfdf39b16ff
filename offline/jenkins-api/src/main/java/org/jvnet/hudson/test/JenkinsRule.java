// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/jenkins-test-harness
// 2578.v44660312fd37
// src/main/java/org/jvnet/hudson/test/JenkinsRule.java: the members the tests use. The real class implements JUnit 4's
// TestRule and MethodRule and Jenkins' RootAction; the offline build has no JUnit 4 and compiles only tests that
// receive a JenkinsRule as a parameter from @WithJenkins (or a subclass from the JCasC harness). DummySecurityRealm
// and WebClient are declared with the members the tests use; the real WebClient's superclass is HtmlUnit's own
// (org.htmlunit:htmlunit from Maven Central, the version jenkins-test-harness-htmlunit pins).
package org.jvnet.hudson.test;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.security.AbstractPasswordBasedSecurityRealm;
import java.io.IOException;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.xml.sax.SAXException;

public class JenkinsRule {
    public Jenkins jenkins;

    public DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException();
    }

    public static class DummySecurityRealm extends AbstractPasswordBasedSecurityRealm {
        DummySecurityRealm() {
            throw new UnsupportedOperationException();
        }
    }

    public URL getURL() throws IOException {
        throw new UnsupportedOperationException();
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException();
    }

    public WebClient createWebClient() {
        throw new UnsupportedOperationException();
    }

    public class WebClient extends org.htmlunit.WebClient {
        private static final long serialVersionUID = -7944895389154288881L;

        public WebClient() {
            throw new UnsupportedOperationException();
        }

        public WebClient withThrowExceptionOnFailingStatusCode(boolean enabled) {
            throw new UnsupportedOperationException();
        }

        public WebClient login(String username) throws Exception {
            throw new UnsupportedOperationException();
        }

        public Page goTo(String relative, @CheckForNull String expectedContentType) throws IOException, SAXException {
            throw new UnsupportedOperationException();
        }

        public void assertFails(String url, int statusCode) throws Exception {
            throw new UnsupportedOperationException();
        }

        public URL createCrumbedUrl(String relativePath) throws IOException {
            throw new UnsupportedOperationException();
        }
    }
}
