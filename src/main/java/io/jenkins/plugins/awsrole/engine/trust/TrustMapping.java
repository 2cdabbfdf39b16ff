package io.jenkins.plugins.awsrole.engine.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One stage: a name that Pipelines ask for ({@code withAwsRole(stage: 'deploy')}), the IAM role it stands for, how the
 * session is made, and which builds may have it.
 *
 * <p>Immutable. Construction only tidies values (trims text, turns {@code null} into the default, copies lists); it does
 * not refuse bad ones, so that a configuration can be built first and then {@linkplain TrustMappingValidator
 * validated} with every problem reported at once. {@link TrustMappings#decide} never grants a mapping with errors.
 *
 * @param stage the stage name, {@code [A-Za-z0-9][A-Za-z0-9_.-]{0,63}}
 * @param roleArn the IAM role, in any partition
 * @param region the AWS region for STS and for the build's {@code AWS_REGION}, or {@code null} for none
 * @param sessionDurationSeconds how long the credentials last, 900-43200 seconds
 * @param sessionPolicy an inline session policy (JSON) that narrows the role's permissions, or {@code null}
 * @param managedPolicyArns managed policies that narrow the role's permissions, at most 10
 * @param audience the token's {@code aud}, which the IAM OIDC provider must list
 * @param jobs globs over job full names; a build's job must match one (an empty list is an error: no job could use it)
 * @param branches globs over branch names; empty means any build, with or without a branch (tags aside)
 * @param tags globs over tag names; a build of a tag needs one that matches, so empty means no tag build may have the
 *     role (branch patterns never admit a tag, however its name reads)
 * @param changeRequestsAllowed whether builds of change (pull/merge) requests may have the role
 * @param forkChangeRequestsAllowed whether change requests from forks may have it (only with change requests allowed)
 * @param replaysAllowed whether replayed builds (whose script may have been edited) may have it
 * @param sessionTags whether the token carries session tags (the trust policy must allow {@code sts:TagSession})
 * @param sourceIdentity whether the token sets a source identity (the trust policy must allow
 *     {@code sts:SetSourceIdentity})
 * @param revocation whether the session is revoked through IAM when its block ends
 * @param maskAccountId whether the role's 12-digit account id is masked in the block's log like the credentials
 * @param staticSessionTags session tags the mapping adds to the plugin's own, one {@code key=value} a line (only with
 *     {@code sessionTags} on; see {@link SessionTagRules})
 * @param transitiveTagKeys the keys of the token's session tags that stay with the session through role chaining
 *     (static keys or the plugin's own)
 * @param folder the full name of the folder whose property holds this mapping, or {@code null} for a mapping of the
 *     global configuration; a folder mapping's job patterns are relative to its folder (see {@link
 *     TrustMappings#forFolder})
 * @param chainedRoleArn a second role, often in another account, that the web identity session assumes with STS
 *     {@code AssumeRole} (role chaining): the block gets its credentials. {@code null} for none. A chained session
 *     lasts {@value #MAX_CHAINED_SESSION_SECONDS} seconds at most, and the session policy and managed policies narrow
 *     it, not the first session.
 */
public record TrustMapping(
        String stage,
        String roleArn,
        String region,
        int sessionDurationSeconds,
        String sessionPolicy,
        List<String> managedPolicyArns,
        String audience,
        List<String> jobs,
        List<String> branches,
        List<String> tags,
        boolean changeRequestsAllowed,
        boolean forkChangeRequestsAllowed,
        boolean replaysAllowed,
        boolean sessionTags,
        boolean sourceIdentity,
        boolean revocation,
        boolean maskAccountId,
        List<String> staticSessionTags,
        List<String> transitiveTagKeys,
        String folder,
        String chainedRoleArn) {

    /** AWS caps a session obtained by role chaining at one hour, whatever the role's maximum. */
    public static final int MAX_CHAINED_SESSION_SECONDS = 3600;

    /** The session duration when none is given: STS's own default. */
    public static final int DEFAULT_SESSION_DURATION_SECONDS = 3600;

    /** The audience when none is given: what AWS's documentation and the IAM console suggest. */
    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    public TrustMapping {
        stage = trim(stage);
        roleArn = trim(roleArn);
        region = blankToNull(region);
        sessionPolicy = sessionPolicy == null || sessionPolicy.isBlank() ? null : sessionPolicy;
        managedPolicyArns = tidy(managedPolicyArns);
        audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience.strip();
        jobs = tidy(jobs);
        branches = tidy(branches);
        tags = tidy(tags);
        staticSessionTags = tidy(staticSessionTags);
        transitiveTagKeys = tidy(transitiveTagKeys);
        folder = blankToNull(folder);
        chainedRoleArn = blankToNull(chainedRoleArn);
    }

    /** A builder with every default set; stage, role and jobs still need values. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this mapping's values, to make a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .stage(stage)
                .roleArn(roleArn)
                .region(region)
                .sessionDurationSeconds(sessionDurationSeconds)
                .sessionPolicy(sessionPolicy)
                .managedPolicyArns(managedPolicyArns)
                .audience(audience)
                .jobs(jobs)
                .branches(branches)
                .tags(tags)
                .changeRequestsAllowed(changeRequestsAllowed)
                .forkChangeRequestsAllowed(forkChangeRequestsAllowed)
                .replaysAllowed(replaysAllowed)
                .sessionTags(sessionTags)
                .sourceIdentity(sourceIdentity)
                .revocation(revocation)
                .maskAccountId(maskAccountId)
                .staticSessionTags(staticSessionTags)
                .transitiveTagKeys(transitiveTagKeys)
                .folder(folder)
                .chainedRoleArn(chainedRoleArn);
    }

    /** Whether the block's credentials come from a second role that the first session assumes (role chaining). */
    public boolean chained() {
        return chainedRoleArn != null;
    }

    /** The role whose credentials the block gets: the chained role when there is one, else the mapping's role. */
    public String blockRoleArn() {
        return chained() ? chainedRoleArn : roleArn;
    }

    /**
     * The session policy with whitespace outside strings removed, as it should be sent to STS (its 2,048-character
     * limit counts this form), or {@code null} when there is none.
     */
    /**
     * The job patterns as patterns of full names: a global mapping's as they are; a folder mapping's, which are relative
     * to its folder, behind the folder's full name ({@code app/*} of folder {@code team} is {@code team/app/*}). Jenkins
     * item names cannot hold {@code *} or {@code ?}, so the folder's name is literal in the result. For the exports:
     * a trust policy tests the {@code sub}, which holds the job's full name.
     */
    public List<String> jobPatternsFromRoot() {
        if (folder == null) {
            return jobs;
        }
        List<String> rooted = new ArrayList<>(jobs.size());
        for (String pattern : jobs) {
            rooted.add(folder + "/" + pattern);
        }
        return List.copyOf(rooted);
    }

    public String packedSessionPolicy() {
        return sessionPolicy == null ? null : StrictJson.pack(sessionPolicy);
    }

    /** The static session tags by key, in the order given; for a mapping without errors. */
    public Map<String, String> staticTags() {
        return SessionTagRules.parseStatic(staticSessionTags);
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> tidy(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> tidied = new ArrayList<>(values.size());
        for (String value : values) {
            // Keep blanks and untrimmed values visible: the validator names them instead of silently changing them.
            tidied.add(value == null ? "" : value);
        }
        return List.copyOf(tidied);
    }

    /** Builds a {@link TrustMapping}; every setter accepts {@code null} for "the default". */
    public static final class Builder {
        private String stage;
        private String roleArn;
        private String region;
        private int sessionDurationSeconds = DEFAULT_SESSION_DURATION_SECONDS;
        private String sessionPolicy;
        private List<String> managedPolicyArns = List.of();
        private String audience = DEFAULT_AUDIENCE;
        private List<String> jobs = List.of();
        private List<String> branches = List.of();
        private List<String> tags = List.of();
        private boolean changeRequestsAllowed;
        private boolean forkChangeRequestsAllowed;
        private boolean replaysAllowed;
        private boolean sessionTags;
        private boolean sourceIdentity;
        private boolean revocation;
        private boolean maskAccountId;
        private List<String> staticSessionTags = List.of();
        private List<String> transitiveTagKeys = List.of();
        private String folder;
        private String chainedRoleArn;

        private Builder() {}

        public Builder stage(String stage) {
            this.stage = stage;
            return this;
        }

        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder sessionDurationSeconds(int sessionDurationSeconds) {
            this.sessionDurationSeconds = sessionDurationSeconds;
            return this;
        }

        public Builder sessionPolicy(String sessionPolicy) {
            this.sessionPolicy = sessionPolicy;
            return this;
        }

        public Builder managedPolicyArns(List<String> managedPolicyArns) {
            this.managedPolicyArns = managedPolicyArns;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder jobs(List<String> jobs) {
            this.jobs = jobs;
            return this;
        }

        /** Convenience for {@link #jobs(List)}. */
        public Builder jobs(String... jobs) {
            return jobs(List.of(jobs));
        }

        public Builder branches(List<String> branches) {
            this.branches = branches;
            return this;
        }

        /** Convenience for {@link #branches(List)}. */
        public Builder branches(String... branches) {
            return branches(List.of(branches));
        }

        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        /** Convenience for {@link #tags(List)}. */
        public Builder tags(String... tags) {
            return tags(List.of(tags));
        }

        public Builder changeRequestsAllowed(boolean changeRequestsAllowed) {
            this.changeRequestsAllowed = changeRequestsAllowed;
            return this;
        }

        public Builder forkChangeRequestsAllowed(boolean forkChangeRequestsAllowed) {
            this.forkChangeRequestsAllowed = forkChangeRequestsAllowed;
            return this;
        }

        public Builder replaysAllowed(boolean replaysAllowed) {
            this.replaysAllowed = replaysAllowed;
            return this;
        }

        public Builder sessionTags(boolean sessionTags) {
            this.sessionTags = sessionTags;
            return this;
        }

        public Builder sourceIdentity(boolean sourceIdentity) {
            this.sourceIdentity = sourceIdentity;
            return this;
        }

        public Builder revocation(boolean revocation) {
            this.revocation = revocation;
            return this;
        }

        public Builder maskAccountId(boolean maskAccountId) {
            this.maskAccountId = maskAccountId;
            return this;
        }

        /** Static session tags, one {@code key=value} a line. */
        public Builder staticSessionTags(List<String> staticSessionTags) {
            this.staticSessionTags = staticSessionTags;
            return this;
        }

        /** Convenience for {@link #staticSessionTags(List)}. */
        public Builder staticSessionTags(String... staticSessionTags) {
            return staticSessionTags(List.of(staticSessionTags));
        }

        public Builder transitiveTagKeys(List<String> transitiveTagKeys) {
            this.transitiveTagKeys = transitiveTagKeys;
            return this;
        }

        /** Convenience for {@link #transitiveTagKeys(List)}. */
        public Builder transitiveTagKeys(String... transitiveTagKeys) {
            return transitiveTagKeys(List.of(transitiveTagKeys));
        }

        /** The folder whose property holds this mapping (its full name), or {@code null} for a global mapping. */
        public Builder folder(String folder) {
            this.folder = folder;
            return this;
        }

        /** The role the web identity session assumes in turn (role chaining); {@code null} or blank for none. */
        public Builder chainedRoleArn(String chainedRoleArn) {
            this.chainedRoleArn = chainedRoleArn;
            return this;
        }

        public TrustMapping build() {
            return new TrustMapping(
                    stage,
                    roleArn,
                    region,
                    sessionDurationSeconds,
                    sessionPolicy,
                    managedPolicyArns,
                    audience,
                    jobs,
                    branches,
                    tags,
                    changeRequestsAllowed,
                    forkChangeRequestsAllowed,
                    replaysAllowed,
                    sessionTags,
                    sourceIdentity,
                    revocation,
                    maskAccountId,
                    staticSessionTags,
                    transitiveTagKeys,
                    folder,
                    chainedRoleArn);
        }
    }
}
