// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-support-plugin
// 1015.v785e5a_b_b_8b_22
// src/main/java/org/jenkinsci/plugins/workflow/support/pickles/serialization/RiverWriter.java: the members the
// plugin's tests use (the deprecated two-argument constructor and getObjectOutput() are left out).
package org.jenkinsci.plugins.workflow.support.pickles.serialization;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.Collection;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.pickles.PickleFactory;

public class RiverWriter implements Closeable {
    public RiverWriter(File f, FlowExecutionOwner _owner, final Collection<? extends PickleFactory> pickleFactories)
            throws IOException {
        throw new UnsupportedOperationException();
    }

    public void writeObject(Object o) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException();
    }
}
