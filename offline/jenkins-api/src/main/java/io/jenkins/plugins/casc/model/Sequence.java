// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/configuration-as-code-plugin
// 2117.vc05a_0b_e6b_f4e
// plugin/src/main/java/io/jenkins/plugins/casc/model/Sequence.java: the members the export test uses.
package io.jenkins.plugins.casc.model;

import java.util.ArrayList;

public final class Sequence extends ArrayList<CNode> implements CNode {
    public Sequence() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Sequence asSequence() {
        throw new UnsupportedOperationException();
    }
}
