package io.jenkins.plugins.awsrole;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Descriptor.FormException;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.TransientActionFactory;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * A folder's "AWS role mappings" page, where whoever has {@link FolderMappingsPermission#MAPPINGS} on the folder
 * changes its mappings, and nothing else of the folder. Every URL under it, the page and its submission, needs that
 * permission. A submission is checked whole (each mapping, unique stage names, reserved roles, relative job patterns,
 * the administrator's limits) and refused whole with the first error.
 */
public final class FolderMappingsAction implements Action, StaplerProxy {

    private static final Logger LOGGER = Logger.getLogger(FolderMappingsAction.class.getName());

    /** Held while a page save replaces a folder's mappings and records their seal; see {@link #replaceMappings}. */
    private static final Object SAVE_LOCK = new Object();

    private final AbstractFolder<?> folder;

    FolderMappingsAction(AbstractFolder<?> folder) {
        this.folder = folder;
    }

    /** Shown in the folder's side panel only to those who may change the mappings. */
    @CheckForNull
    @Override
    public String getIconFileName() {
        return folder.hasPermission(FolderMappingsPermission.MAPPINGS) ? "symbol-cloud" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.FolderMappings_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "aws-role-mappings";
    }

    /** Every page and method of this action asks for the permission first. */
    @Override
    public Object getTarget() {
        folder.checkPermission(FolderMappingsPermission.MAPPINGS);
        return this;
    }

    public AbstractFolder<?> getFolder() {
        return folder;
    }

    /** The folder's property, or an empty one for the form when the folder has none yet. */
    public AwsRoleFolderProperty getProperty() {
        AwsRoleFolderProperty property = folder.getProperties().get(AwsRoleFolderProperty.class);
        return property == null ? new AwsRoleFolderProperty(List.of()) : property;
    }

    /** The property's descriptor, which the form's repeatable list of mappings is rendered with. */
    public AwsRoleFolderProperty.DescriptorImpl getPropertyDescriptor() {
        return Jenkins.get().getDescriptorByType(AwsRoleFolderProperty.DescriptorImpl.class);
    }

    /**
     * Why the folder's mappings are refused at use when they were not saved on this page, or {@code null} when they
     * were (or there are none). Saving the page approves them.
     */
    @CheckForNull
    public String getUnapprovedWarning() {
        AwsRoleFolderProperty property = folder.getProperties().get(AwsRoleFolderProperty.class);
        if (property == null || property.isApprovedIn(folder.getFullName())) {
            return null;
        }
        return Messages.FolderMappings_Unapproved(folder.getFullName());
    }

    /** What folders may map now, for the page's introduction. */
    public String getLimits() {
        return AwsRoleConfiguration.get().folderLimits().describe();
    }

    @POST
    public void doConfigSubmit(StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, ServletException, FormException {
        folder.checkPermission(FolderMappingsPermission.MAPPINGS);
        JSONObject json = req.getSubmittedForm();
        Object submitted = ConfigurationForm.checkedMappings(json.opt("mappings"));
        List<AwsRoleMapping> mappings = req.bindJSONToList(AwsRoleMapping.class, submitted);
        replaceMappings(folder, mappings);
        rsp.sendRedirect2(req.getContextPath() + "/" + folder.getUrl());
    }

    /**
     * Makes these the folder's mappings, or refuses them whole.
     *
     * @throws FormException with the first error when the mappings cannot be accepted
     */
    static void replaceMappings(AbstractFolder<?> folder, List<AwsRoleMapping> mappings)
            throws FormException, IOException {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        Validation validation = AwsRoleFolderProperty.trustMappings(
                        folder.getFullName(), mappings, config.folderLimits(), config.folderReservedRoleArns())
                .validate();
        if (validation.hasErrors()) {
            throw new FormException(MappingSet.folderFormError(folder.getFullName(), validation), "mappings");
        }
        if (!validation.isClean()) {
            LOGGER.log(Level.WARNING, "Folder {0}: AWS role mappings saved with warnings:\n{1}", new Object[] {
                folder.getFullName(), validation.summary()
            });
        }
        // One page save at a time, so that the seal recorded last is the one the folder keeps: two saves interleaved
        // could otherwise leave the folder with one seal and the record with the other.
        synchronized (SAVE_LOCK) {
            folder.getProperties()
                    .remove(Jenkins.get().getDescriptorByType(AwsRoleFolderProperty.DescriptorImpl.class));
            if (mappings.isEmpty()) {
                // Recorded too: no earlier sealed mappings of this folder may come back in an old config.xml.
                FolderSeals.get().record(folder.getFullName(), FolderSeals.NO_MAPPINGS);
            } else {
                // Saved by someone with the permission: sealed and recorded as the folder's latest, so that they are
                // used (see AwsRoleFolderProperty and FolderSeals).
                folder.addProperty(AwsRoleFolderProperty.sealed(folder.getFullName(), mappings));
            }
        }
        // Who gave which folder's jobs which stages: a change of trust, kept in the controller's log.
        LOGGER.log(Level.INFO, "Folder {0}: AWS role mappings set by {1}: {2}", new Object[] {
            folder.getFullName(),
            Jenkins.getAuthentication2().getName(),
            mappings.stream().map(m -> m.getStage() + " -> " + m.getRoleArn()).toList()
        });
    }

    /** Gives every folder (plain folders, multibranch projects, organization folders) its mappings page. */
    @Extension
    @SuppressWarnings("rawtypes") // TransientActionFactory<AbstractFolder<?>> cannot name its type
    public static final class Factory extends TransientActionFactory<AbstractFolder> {

        @Override
        public Class<AbstractFolder> type() {
            return AbstractFolder.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull AbstractFolder target) {
            return List.of(new FolderMappingsAction((AbstractFolder<?>) target));
        }
    }
}
