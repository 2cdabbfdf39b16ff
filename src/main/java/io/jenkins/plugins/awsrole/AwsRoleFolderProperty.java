package io.jenkins.plugins.awsrole;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.awsrole.engine.trust.FolderLimits;
import io.jenkins.plugins.awsrole.engine.trust.FolderSealText;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.security.HMACConfidentialKey;
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
 *
 * <p>Item/Configure can still write the folder's {@code config.xml} (the REST API, Job DSL, copying or moving a
 * folder), property and all. So the page seals what it saves: a MAC, with a key only the controller holds, over the
 * mappings and the folder's full name ({@link FolderSealText}). Mappings whose seal is missing or does not match were
 * written some other way, or belong to another folder, and are refused at use until someone with the permission saves
 * them on the page ({@link #isApprovedIn}).
 */
public final class AwsRoleFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> {

    /**
     * The controller's key for the seals, kept in Jenkins' confidential store ({@code secrets/}), never in a folder's
     * {@code config.xml}: whoever can write that file cannot make a seal.
     */
    private static final HMACConfidentialKey SEAL_KEY = new HMACConfidentialKey(AwsRoleFolderProperty.class, "seal");

    private final List<AwsRoleMapping> mappings;

    /**
     * The MAC the mappings page made over these mappings in their folder, or {@code null} when they did not come from
     * the page (JCasC's Job DSL, the data-bound constructor, a {@code config.xml} without one).
     */
    @CheckForNull
    private String seal;

    /**
     * Mappings with no seal: what Job DSL, structs and JCasC make. They are refused at use until approved on the
     * folder's page.
     */
    @DataBoundConstructor
    public AwsRoleFolderProperty(@CheckForNull List<AwsRoleMapping> mappings) {
        this.mappings = mappings == null ? new ArrayList<>() : new ArrayList<>(mappings);
    }

    /**
     * Mappings sealed for this folder, as the mappings page saves them. Only for code that has checked the folder
     * permission (the page) or that is a test standing in for it: the seal is what says the permission approved them.
     */
    static AwsRoleFolderProperty sealed(String folderFullName, List<AwsRoleMapping> mappings) throws IOException {
        AwsRoleFolderProperty property = new AwsRoleFolderProperty(mappings);
        property.seal = SEAL_KEY.mac(property.sealText(folderFullName));
        // The folder's latest approval from now on: an earlier sealed config.xml put back no longer counts.
        FolderSeals.get().record(folderFullName, property.seal);
        return property;
    }

    /**
     * Whether these mappings were approved on the mappings page of the folder of this full name: their seal matches
     * them and the name, and it is the latest the page made for that name ({@link FolderSeals}), so that an earlier
     * approved {@code config.xml} put back, or a deleted folder recreated from one, is refused. No mappings need no
     * approval.
     */
    boolean isApprovedIn(String folderFullName) {
        if (getMappings().isEmpty()) {
            return true;
        }
        String given = seal;
        return given != null
                && SEAL_KEY.checkMac(sealText(folderFullName), given)
                && FolderSeals.get().isLatest(folderFullName, given);
    }

    private String sealText(String folderFullName) {
        List<TrustMapping> converted = new ArrayList<>();
        for (AwsRoleMapping mapping : getMappings()) {
            converted.add(mapping.toTrustMapping());
        }
        return FolderSealText.of(folderFullName, converted);
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
