// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/configuration-as-code-plugin
// 2117.vc05a_0b_e6b_f4e
// plugin/src/main/java/io/jenkins/plugins/casc/model/Mapping.java: the members the export test uses.
package io.jenkins.plugins.casc.model;

import io.jenkins.plugins.casc.ConfiguratorException;
import java.util.HashMap;

public final class Mapping extends HashMap<String, CNode> implements CNode {
    public Mapping() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Mapping asMapping() {
        throw new UnsupportedOperationException();
    }

    public String getScalarValue(String key) throws ConfiguratorException {
        throw new UnsupportedOperationException();
    }
}
