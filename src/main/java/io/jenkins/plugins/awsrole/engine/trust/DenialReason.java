package io.jenkins.plugins.awsrole.engine.trust;

/**
 * The rule a build failed when it is refused a stage, in the order {@link TrustMappings#decide} checks them: the
 * first rule that fails is the one reported.
 */
public enum DenialReason {
    /** No mapping has the stage's name. */
    UNKNOWN_STAGE("unknown stage"),
    /**
     * A folder maps the stage, but its mappings were not saved through its mappings page (their seal is missing or does
     * not match: {@code config.xml}, Job DSL, a copied or moved folder), so every stage of the folder is refused until
     * someone with the folder permission approves them there. Checked right after {@link #UNKNOWN_STAGE}, before every other rule of the folder's mapping.
     */
    UNAPPROVED_FOLDER_MAPPINGS("folder mappings not approved"),
    /** The mapping's role is reserved for the plugin itself (the revoker role). */
    RESERVED_ROLE("reserved role"),
    /** The mapping has validation errors (or shares its name with another), so it grants nothing. */
    INVALID_MAPPING("invalid trust mapping"),
    /** The job's full name matches none of the mapping's job patterns. */
    JOB_NOT_ALLOWED("job not allowed"),
    /** The build is a replay and the mapping does not allow replays. */
    REPLAY_NOT_ALLOWED("replayed builds not allowed"),
    /** The build is of a change request and the mapping does not allow change requests. */
    CHANGE_REQUEST_NOT_ALLOWED("change requests not allowed"),
    /** The build is of a change request from a fork and the mapping does not allow forks. */
    FORK_NOT_ALLOWED("change requests from forks not allowed"),
    /** The build is of a tag, and the mapping lists no tag pattern that matches it. */
    TAG_NOT_ALLOWED("tag not allowed"),
    /** The mapping restricts branches and the build has no branch. */
    NO_BRANCH("no branch, but branches restricted"),
    /** The build's branch matches none of the mapping's branch patterns. */
    BRANCH_NOT_ALLOWED("branch not allowed"),
    /**
     * A folder's mapping names a role, or a session duration, beyond what the administrator lets folders map (see
     * {@link FolderLimits}); checked right after {@link #RESERVED_ROLE}.
     */
    OUTSIDE_FOLDER_LIMITS("outside the folder limits");

    private final String rule;

    DenialReason(String rule) {
        this.rule = rule;
    }

    /** A short name of the rule, for audit records and log prefixes. */
    public String rule() {
        return rule;
    }
}
