// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-api-plugin
// 1413.v2ff1a_5e720fa_
// src/main/java/org/jenkinsci/plugins/workflow/pickles/PickleFactory.java: all() only (the abstract
// writeReplace(Object), which returns a Pickle, is left out: the plugin neither implements nor calls it).
package org.jenkinsci.plugins.workflow.pickles;

import hudson.ExtensionList;
import hudson.ExtensionPoint;

public abstract class PickleFactory implements ExtensionPoint {
    public static ExtensionList<PickleFactory> all() {
        throw new UnsupportedOperationException();
    }
}
