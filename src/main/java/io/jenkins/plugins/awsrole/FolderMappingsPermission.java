package io.jenkins.plugins.awsrole;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;

/**
 * Who may change a folder's AWS role mappings: a permission of its own, on folders, so that an administrator can hand
 * one team's folder to that team without giving it Item/Configure (which changes everything else of the folder) or
 * Overall/Administer. Implied by Overall/Administer, as core's item permissions are implied by an overall one: by
 * default only administrators have it.
 */
public final class FolderMappingsPermission {

    /** The group the permission is listed under in authorization strategies (matrix-auth's folder table). */
    public static final PermissionGroup GROUP =
            new PermissionGroup(FolderMappingsPermission.class, Messages._FolderMappings_PermissionGroup());

    /** Change the AWS role mappings of a folder; scoped to folders (item groups). */
    public static final Permission MAPPINGS = new Permission(
            GROUP,
            "FolderMappings",
            Messages._FolderMappings_PermissionDescription(),
            Jenkins.ADMINISTER,
            PermissionScope.ITEM_GROUP);

    private FolderMappingsPermission() {}

    /**
     * Loads the permission before the security configuration is read, so that an authorization strategy that names it
     * finds it.
     */
    @Initializer(before = InitMilestone.SYSTEM_CONFIG_LOADED)
    public static void register() {
        // Loading the class created the group and the permission.
    }
}
