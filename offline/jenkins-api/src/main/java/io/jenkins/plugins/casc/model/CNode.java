// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/configuration-as-code-plugin
// 2117.vc05a_0b_e6b_f4e
// plugin/src/main/java/io/jenkins/plugins/casc/model/CNode.java: asMapping() and asSequence() only.
package io.jenkins.plugins.casc.model;

import io.jenkins.plugins.casc.ConfiguratorException;

public interface CNode extends Cloneable {
    default Mapping asMapping() throws ConfiguratorException {
        throw new UnsupportedOperationException();
    }

    default Sequence asSequence() throws ConfiguratorException {
        throw new UnsupportedOperationException();
    }
}
