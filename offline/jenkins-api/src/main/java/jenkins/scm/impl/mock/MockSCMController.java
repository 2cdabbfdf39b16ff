// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against jenkinsci/scm-api-plugin
// 728.vc30dcf7a_0df5
// src/test/java/jenkins/scm/impl/mock/MockSCMController.java (in the plugin's tests jar): the class declaration and
// the members the live tests use to build a repository with branches and a change request (create, getId,
// createRepository, createBranch, addFile, openChangeRequest, close). The rest and the nested State and LogEntry are
// left out.
package jenkins.scm.impl.mock;

import java.io.Closeable;
import java.io.IOException;

public class MockSCMController implements Closeable {
    public MockSCMController(String id) {
        throw new UnsupportedOperationException();
    }

    public static MockSCMController create() {
        throw new UnsupportedOperationException();
    }

    public String getId() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }

    public synchronized void createRepository(String name, MockRepositoryFlags... flags) throws IOException {
        throw new UnsupportedOperationException();
    }

    public synchronized void createBranch(String repository, String branch) throws IOException {
        throw new UnsupportedOperationException();
    }

    public synchronized Integer openChangeRequest(String repository, String branch, MockChangeRequestFlags... flags)
            throws IOException {
        throw new UnsupportedOperationException();
    }

    public synchronized void addFile(String repository, String branchOrCR, String message, String path, byte[] content)
            throws IOException {
        throw new UnsupportedOperationException();
    }
}
