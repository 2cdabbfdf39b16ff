package io.jenkins.plugins.awsrole;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.awsrole.engine.trust.FolderLimits;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The AWS role mappings of one folder: they apply to the jobs inside it only, their job patterns are relative to it,
 * and what they may map is limited by the administrator ({@link FolderLimits}). Changed on the folder's own page
 * ({@link FolderMappingsAction}) by whoever has {@link FolderMappingsPermission#MAPPINGS} on the folder, never through
 * the folder's configuration form: Item/Configure alone must not grant AWS roles. Stored in the folder's
 * {@code config.xml}, with no secret.
 */
public final class AwsRoleFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> {

    private final List<AwsRoleMapping> mappings;

    @DataBoundConstructor
    public AwsRoleFolderProperty(@CheckForNull List<AwsRoleMapping> mappings) {
        this.mappings = mappings == null ? new ArrayList<>() : new ArrayList<>(mappings);
    }

    public List<AwsRoleMapping> getMappings() {
        return mappings == null ? List.of() : List.copyOf(mappings);
    }

    /** The engine's view of these mappings for a folder of this full name, checked against the limits. */
    static TrustMappings trustMappings(
            String folderFullName,
            List<AwsRoleMapping> mappings,
            FolderLimits limits,
            Collection<String> reservedRoleArns) {
        List<TrustMapping> converted = new ArrayList<>(mappings.size());
        for (AwsRoleMapping mapping : mappings) {
            converted.add(mapping.toTrustMapping());
        }
        return TrustMappings.forFolder(folderFullName, converted, reservedRoleArns, limits);
    }

    /**
     * The folder's configuration form leaves the mappings as they are: they have their own page and permission, and a
     * user with Item/Configure only must not be able to change (or drop) them by saving the folder.
     */
    @Override
    public AbstractFolderProperty<?> reconfigure(StaplerRequest2 req, @CheckForNull JSONObject form) {
        return this;
    }

    @Extension
    @Symbol("awsRoleMappings")
    public static final class DescriptorImpl extends AbstractFolderPropertyDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FolderMappings_DisplayName();
        }

        /** Never made from the folder's configuration form; see {@link #reconfigure}. */
        @CheckForNull
        @Override
        public AbstractFolderProperty<?> newInstance(StaplerRequest2 req, JSONObject formData) {
            return null;
        }
    }
}
