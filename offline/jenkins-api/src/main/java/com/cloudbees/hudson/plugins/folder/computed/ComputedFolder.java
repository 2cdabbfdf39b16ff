// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/cloudbees-folder-plugin
// b72f4d5c07097c5b9f5cd9d96adf9801909c5530 (2026-04-17, the newest snapshot; the release 6.1106.v3a_d9a_6d2465e that
// the BOM manages is built from a commit the snapshot does not hold)
// src/main/java/com/cloudbees/hudson/plugins/folder/computed/ComputedFolder.java: the class declaration, its
// constructor and scheduleBuild2, with which the live tests start a multibranch project's branch indexing. The real
// class also implements TriggeredItem and Queue.FlyweightTask (and is annotated
// @SuppressWarnings({"unchecked", "rawtypes"})).
package com.cloudbees.hudson.plugins.folder.computed;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.BuildableItem;
import hudson.model.ItemGroup;
import hudson.model.Queue;
import hudson.model.TopLevelItem;

public abstract class ComputedFolder<I extends TopLevelItem> extends AbstractFolder<I> implements BuildableItem {
    protected ComputedFolder(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public Queue.Item scheduleBuild2(int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException();
    }
}
