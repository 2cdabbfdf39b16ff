// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/branch-api-plugin
// 2.1280.v0d4e5b_b_460ef
// src/main/java/jenkins/branch/MultiBranchProject.java: the class declaration, its constructor, getSourcesList and
// getItem (an override of AbstractFolder's, declared here without @Override because the original is not), which the
// live tests use. The real class also implements SCMSourceOwner and IconSpec, and has abstract methods the tests do
// not use.
package jenkins.branch;

import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.util.PersistedList;

public abstract class MultiBranchProject<P extends Job<P, R> & TopLevelItem, R extends Run<P, R>>
        extends ComputedFolder<P> {
    protected MultiBranchProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    @NonNull
    public PersistedList<BranchSource> getSourcesList() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public P getItem(String name) {
        throw new UnsupportedOperationException();
    }
}
