// Offline declaration of the Jenkins API (see offline/jenkins-api/pom.xml); checked against
// jenkinsci/cloudbees-folder-plugin
// b72f4d5c07097c5b9f5cd9d96adf9801909c5530 (2026-04-17, the newest snapshot; the release 6.1106.v3a_d9a_6d2465e that
// the BOM manages is built from a commit the snapshot does not hold)
// src/main/java/com/cloudbees/hudson/plugins/folder/AbstractFolder.java: the class declaration and its constructor,
// as the base of the multibranch project the live tests create. The real class also implements ModifiableViewGroup,
// StaplerFallback, ModelObjectWithChildren, StaplerOverridable and more (and is annotated
// @SuppressWarnings({"unchecked", "rawtypes"})); its members are left out.
package com.cloudbees.hudson.plugins.folder;

import hudson.model.AbstractItem;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;

public abstract class AbstractFolder<I extends TopLevelItem> extends AbstractItem
        implements TopLevelItem, ItemGroup<I> {
    protected AbstractFolder(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }
}
