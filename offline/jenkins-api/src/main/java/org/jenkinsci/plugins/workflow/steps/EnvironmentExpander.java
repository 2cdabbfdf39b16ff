// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/workflow-step-api-plugin 0773c3c68734763741f08807407123c17a546ea2 (2025-11-17, the newest snapshot; the
// release 724.v538c2362b_dfb_ that the BOM manages is built from a commit the snapshot does not hold)
// src/main/java/org/jenkinsci/plugins/workflow/steps/EnvironmentExpander.java: the members the plugin uses
// (constant(Map) and getEffectiveEnvironment(...) are left out).
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import java.io.IOException;
import java.io.Serializable;
import java.util.Set;

public abstract class EnvironmentExpander implements Serializable {
    public abstract void expand(@NonNull EnvVars env) throws IOException, InterruptedException;

    public @NonNull Set<String> getSensitiveVariables() {
        throw new UnsupportedOperationException();
    }

    public static EnvironmentExpander merge(
            @CheckForNull EnvironmentExpander original, @NonNull EnvironmentExpander subsequent) {
        throw new UnsupportedOperationException();
    }
}
