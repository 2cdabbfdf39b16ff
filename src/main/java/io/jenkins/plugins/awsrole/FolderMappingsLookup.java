package io.jenkins.plugins.awsrole;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.awsrole.engine.trust.FolderLimits;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The folders' mappings for the engine: the folders that hold a job, read from Jenkins' item tree on the controller
 * (never from anything the build says), nearest first. Items are looked up as the system: what a build may use must
 * not depend on who started it, and a build's own authentication may not see its folders.
 */
final class FolderMappingsLookup implements TrustMappings.FolderSource {

    private final FolderLimits limits;
    private final List<String> reservedRoleArns;

    FolderMappingsLookup(FolderLimits limits, List<String> reservedRoleArns) {
        this.limits = limits;
        this.reservedRoleArns = List.copyOf(reservedRoleArns);
    }

    @Override
    public List<TrustMappings> enclosing(String jobFullName) {
        List<TrustMappings> sets = new ArrayList<>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            Item job = Jenkins.get().getItemByFullName(jobFullName);
            ItemGroup<?> parent = job == null ? null : job.getParent();
            while (parent instanceof AbstractFolder<?> folder) {
                add(folder, sets);
                parent = folder.getParent();
            }
        }
        return sets;
    }

    @Override
    public List<TrustMappings> all() {
        List<TrustMappings> sets = new ArrayList<>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (AbstractFolder<?> folder : Jenkins.get().allItems(AbstractFolder.class)) {
                add(folder, sets);
            }
        }
        return sets;
    }

    private void add(AbstractFolder<?> folder, List<TrustMappings> sets) {
        AwsRoleFolderProperty property = folder.getProperties().get(AwsRoleFolderProperty.class);
        if (property == null || property.getMappings().isEmpty()) {
            return;
        }
        // No catch: a folder whose mappings cannot be read must refuse, never let a stage fall through to the next.
        TrustMappings set = AwsRoleFolderProperty.trustMappings(
                folder.getFullName(), property.getMappings(), limits, reservedRoleArns);
        // Unapproved mappings still map their stages, so that they refuse them rather than let the global ones decide.
        sets.add(property.isApprovedIn(folder.getFullName()) ? set : set.unapproved());
    }
}
