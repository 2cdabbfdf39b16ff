package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsrole.engine.session.TrustTrial;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.MappingField;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappingValidator;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import java.util.ArrayList;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One trust mapping as the configuration form and JCasC see it (see docs/trust-mappings.md for the fields and their
 * rules); {@link #toTrustMapping()} gives the engine's {@link TrustMapping}.
 *
 * <p>Job patterns, branch patterns and managed policy ARNs are one text each, one entry a line: a text area in the
 * form, and in JCasC a string ({@code jobs: "team/app/**"}) or a block scalar ({@code jobs: |} followed by one pattern
 * a line). Values are kept as given; the whole set is checked by {@link AwsRoleConfiguration} when it is saved.
 */
public class AwsRoleMapping implements Describable<AwsRoleMapping> {

    private final String stage;
    private final String roleArn;
    private String region;
    /** {@code null} for the default, {@link TrustMapping#DEFAULT_SESSION_DURATION_SECONDS}: an empty field. */
    private Integer sessionDurationSeconds;

    private String sessionPolicy;
    // ArrayList, not List.of: XStream writes and reads these fields, and cannot reach into the JDK's immutable lists.
    private ArrayList<String> managedPolicyArns = new ArrayList<>();
    private String audience = TrustMapping.DEFAULT_AUDIENCE;
    private ArrayList<String> jobs = new ArrayList<>();
    private ArrayList<String> branches = new ArrayList<>();
    private ArrayList<String> tags = new ArrayList<>();
    private boolean changeRequestsAllowed;
    private boolean forkChangeRequestsAllowed;
    private boolean replaysAllowed;
    private boolean sessionTags;
    private boolean sourceIdentity;
    private boolean revocation;
    private boolean maskAccountId;
    private ArrayList<String> staticSessionTags = new ArrayList<>();
    private ArrayList<String> transitiveTagKeys = new ArrayList<>();
    private String chainedRoleArn;

    @DataBoundConstructor
    public AwsRoleMapping(String stage, String roleArn) {
        this.stage = stage == null ? "" : stage.strip();
        this.roleArn = roleArn == null ? "" : roleArn.strip();
    }

    /** This mapping as the engine checks and decides on it. */
    public TrustMapping toTrustMapping() {
        return TrustMapping.builder()
                .stage(stage)
                .roleArn(roleArn)
                .region(region)
                .sessionDurationSeconds(
                        sessionDurationSeconds == null
                                ? TrustMapping.DEFAULT_SESSION_DURATION_SECONDS
                                : sessionDurationSeconds)
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
                .chainedRoleArn(chainedRoleArn)
                .build();
    }

    public String getStage() {
        return stage;
    }

    public String getRoleArn() {
        return roleArn;
    }

    @CheckForNull
    public String getRegion() {
        return region;
    }

    /** The region of the STS endpoint and of {@code AWS_REGION}; empty for the configuration's default region. */
    @DataBoundSetter
    public void setRegion(String region) {
        this.region = blankToNull(region);
    }

    /** The session duration in seconds, or {@code null} for the default (3600): the field was left empty. */
    @CheckForNull
    public Integer getSessionDurationSeconds() {
        return sessionDurationSeconds;
    }

    /** Seconds, at least 900 and at most the role's maximum session duration; empty ({@code null}) for 3600. */
    @DataBoundSetter
    public void setSessionDurationSeconds(@CheckForNull Integer sessionDurationSeconds) {
        this.sessionDurationSeconds = sessionDurationSeconds;
    }

    @CheckForNull
    public String getSessionPolicy() {
        return sessionPolicy;
    }

    /**
     * An inline session policy (JSON), kept as written so that line and column numbers in messages match what the
     * administrator sees. Only line breaks are made uniform: browsers submit text areas with CR LF.
     */
    @DataBoundSetter
    public void setSessionPolicy(String sessionPolicy) {
        this.sessionPolicy = sessionPolicy == null || sessionPolicy.isBlank()
                ? null
                : sessionPolicy.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The managed policy ARNs, one a line. */
    public String getManagedPolicyArns() {
        return Lines.join(managedPolicyArns);
    }

    @DataBoundSetter
    public void setManagedPolicyArns(String managedPolicyArns) {
        this.managedPolicyArns = new ArrayList<>(Lines.split(managedPolicyArns));
    }

    public String getAudience() {
        return audience;
    }

    /** The token's {@code aud}; empty for the default, {@value TrustMapping#DEFAULT_AUDIENCE}. */
    @DataBoundSetter
    public void setAudience(String audience) {
        String value = blankToNull(audience);
        this.audience = value == null ? TrustMapping.DEFAULT_AUDIENCE : value;
    }

    /** The job patterns, one a line. */
    public String getJobs() {
        return Lines.join(jobs);
    }

    @DataBoundSetter
    public void setJobs(String jobs) {
        this.jobs = new ArrayList<>(Lines.split(jobs));
    }

    /** The branch patterns, one a line; empty for any build, with or without a branch. */
    public String getBranches() {
        return Lines.join(branches);
    }

    @DataBoundSetter
    public void setBranches(String branches) {
        this.branches = new ArrayList<>(Lines.split(branches));
    }

    /** The tag patterns, one a line; empty for no tag builds at all. */
    public String getTags() {
        return Lines.join(tags);
    }

    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = new ArrayList<>(Lines.split(tags));
    }

    public boolean isChangeRequestsAllowed() {
        return changeRequestsAllowed;
    }

    @DataBoundSetter
    public void setChangeRequestsAllowed(boolean changeRequestsAllowed) {
        this.changeRequestsAllowed = changeRequestsAllowed;
    }

    public boolean isForkChangeRequestsAllowed() {
        return forkChangeRequestsAllowed;
    }

    @DataBoundSetter
    public void setForkChangeRequestsAllowed(boolean forkChangeRequestsAllowed) {
        this.forkChangeRequestsAllowed = forkChangeRequestsAllowed;
    }

    public boolean isReplaysAllowed() {
        return replaysAllowed;
    }

    @DataBoundSetter
    public void setReplaysAllowed(boolean replaysAllowed) {
        this.replaysAllowed = replaysAllowed;
    }

    public boolean isSessionTags() {
        return sessionTags;
    }

    @DataBoundSetter
    public void setSessionTags(boolean sessionTags) {
        this.sessionTags = sessionTags;
    }

    public boolean isSourceIdentity() {
        return sourceIdentity;
    }

    @DataBoundSetter
    public void setSourceIdentity(boolean sourceIdentity) {
        this.sourceIdentity = sourceIdentity;
    }

    public boolean isRevocation() {
        return revocation;
    }

    @DataBoundSetter
    public void setRevocation(boolean revocation) {
        this.revocation = revocation;
    }

    public boolean isMaskAccountId() {
        return maskAccountId;
    }

    /** Masks the role's account id in the block's log, for teams that treat account ids as confidential. */
    @DataBoundSetter
    public void setMaskAccountId(boolean maskAccountId) {
        this.maskAccountId = maskAccountId;
    }

    /** The static session tags, one {@code key=value} a line. */
    public String getStaticSessionTags() {
        return Lines.join(staticSessionTags);
    }

    /**
     * Session tags this stage adds to the plugin's own, one {@code key=value} a line (split at the first {@code =});
     * sent only with session tags on.
     */
    @DataBoundSetter
    public void setStaticSessionTags(String staticSessionTags) {
        this.staticSessionTags = new ArrayList<>(Lines.split(staticSessionTags));
    }

    /** The transitive tag keys, one a line. */
    public String getTransitiveTagKeys() {
        return Lines.join(transitiveTagKeys);
    }

    /** The keys of session tags that stay with the session through role chaining, one a line. */
    @DataBoundSetter
    public void setTransitiveTagKeys(String transitiveTagKeys) {
        this.transitiveTagKeys = new ArrayList<>(Lines.split(transitiveTagKeys));
    }

    /** The role the web identity session assumes in turn (role chaining), whose credentials the block gets. */
    @CheckForNull
    public String getChainedRoleArn() {
        return chainedRoleArn;
    }

    @DataBoundSetter
    public void setChainedRoleArn(@CheckForNull String chainedRoleArn) {
        this.chainedRoleArn = chainedRoleArn == null || chainedRoleArn.isBlank() ? null : chainedRoleArn.strip();
    }

    /** Fills what an older or hand-edited XML file left out, so that a loaded mapping is never half null. */
    protected Object readResolve() {
        if (managedPolicyArns == null) {
            managedPolicyArns = new ArrayList<>();
        }
        if (jobs == null) {
            jobs = new ArrayList<>();
        }
        if (branches == null) {
            branches = new ArrayList<>();
        }
        if (tags == null) {
            // Mappings saved before tags existed: no tag may use them, which is what they meant for branches.
            tags = new ArrayList<>();
        }
        if (audience == null) {
            audience = TrustMapping.DEFAULT_AUDIENCE;
        }
        if (staticSessionTags == null) {
            staticSessionTags = new ArrayList<>();
        }
        if (transitiveTagKeys == null) {
            transitiveTagKeys = new ArrayList<>();
        }
        return this;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The form of one mapping, with a check for each field. Each check requires Overall/Administer: they are reached
     * by URL, and the messages describe the configuration.
     */
    @Extension
    @Symbol("mapping")
    public static final class DescriptorImpl extends Descriptor<AwsRoleMapping> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AwsRoleMapping_DisplayName();
        }

        /**
         * The "Test" button: the decision for a job (and branch) the administrator types, and AWS's answer for exactly
         * what a build of that job would send: its token (the controller's {@code sub} template, the audience, the
         * session tags and source identity the mapping turns on) and its call (session policy, managed policy ARNs,
         * session duration). Runs on the values in the form, saved or not. The token and AWS's answer are recorded in
         * the audit trail under the typed job, naming the administrator.
         */
        @POST
        public FormValidation doTestMapping(
                @QueryParameter String stage,
                @QueryParameter String roleArn,
                @QueryParameter String region,
                @QueryParameter String sessionDurationSeconds,
                @QueryParameter String sessionPolicy,
                @QueryParameter String managedPolicyArns,
                @QueryParameter String audience,
                @QueryParameter String jobs,
                @QueryParameter String branches,
                @QueryParameter boolean sessionTags,
                @QueryParameter boolean sourceIdentity,
                @QueryParameter String staticSessionTags,
                @QueryParameter String transitiveTagKeys,
                @QueryParameter String testJob,
                @QueryParameter String testBranch)
                throws InterruptedException {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (testJob == null || testJob.isBlank()) {
                return FormValidation.error(Messages.MappingTrial_NeedJob());
            }
            Validation duration = checkSessionDuration(sessionDurationSeconds);
            if (duration.hasErrors()) {
                return FormValidation.error(duration.errors().get(0).message());
            }
            AwsRoleMapping form = new AwsRoleMapping(stage, roleArn);
            form.setRegion(region);
            form.setSessionDurationSeconds(
                    sessionDurationSeconds == null || sessionDurationSeconds.isBlank()
                            ? null
                            : Integer.valueOf(sessionDurationSeconds.strip()));
            form.setSessionPolicy(sessionPolicy);
            form.setManagedPolicyArns(managedPolicyArns);
            form.setAudience(audience);
            form.setJobs(jobs);
            form.setBranches(branches);
            form.setSessionTags(sessionTags);
            form.setSourceIdentity(sourceIdentity);
            form.setStaticSessionTags(staticSessionTags);
            form.setTransitiveTagKeys(transitiveTagKeys);
            TrustMapping mapping = form.toTrustMapping();
            BuildIdentity identity = MappingTrialReport.syntheticIdentity(testJob, testBranch);
            AwsRoleConfiguration config = AwsRoleConfiguration.get();
            try {
                TrustTrial trial =
                        new TrustTrial(config.issuer(), AwsRoleService.get().sts(), config.brokerSettings());
                TrialAudit audit = TrialAudit.mappingTest(
                        AwsRoleService.get().audit(),
                        Jenkins.getAuthentication2().getName(),
                        identity);
                MappingTrialReport report = MappingTrialReport.test(trial, mapping, identity, audit);
                return switch (report.kind()) {
                    case OK -> FormValidation.ok(report.text());
                    case WARNING -> FormValidation.warning(report.text());
                    case ERROR -> FormValidation.error(report.text());
                };
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckStage(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(TrustMappingValidator.checkStage(value));
        }

        @POST
        public FormValidation doCheckRoleArn(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(TrustMappingValidator.checkRoleArn(value));
        }

        @POST
        public FormValidation doCheckRegion(@QueryParameter String value, @QueryParameter String roleArn) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(TrustMappingValidator.checkRegion(value, roleArn));
        }

        @POST
        public FormValidation doCheckSessionDurationSeconds(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(checkSessionDuration(value));
        }

        @POST
        public FormValidation doCheckSessionPolicy(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(TrustMappingValidator.checkSessionPolicy(value));
        }

        @POST
        public FormValidation doCheckManagedPolicyArns(@QueryParameter String value, @QueryParameter String roleArn) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(
                    TrustMappingValidator.checkManagedPolicyArns(Lines.split(value), roleArn));
        }

        @POST
        public FormValidation doCheckAudience(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(TrustMappingValidator.checkAudience(value));
        }

        @POST
        public FormValidation doCheckJobs(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(TrustMappingValidator.checkJobs(Lines.split(value)));
        }

        @POST
        public FormValidation doCheckBranches(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(TrustMappingValidator.checkBranches(Lines.split(value)));
        }

        @POST
        public FormValidation doCheckTags(@QueryParameter String value, @QueryParameter String branches) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(
                    TrustMappingValidator.checkTags(Lines.split(value), Lines.split(branches)));
        }

        @POST
        public FormValidation doCheckStaticSessionTags(
                @QueryParameter String value, @QueryParameter boolean sessionTags) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(
                    TrustMappingValidator.checkStaticSessionTags(Lines.split(value), sessionTags));
        }

        @POST
        public FormValidation doCheckTransitiveTagKeys(
                @QueryParameter String value,
                @QueryParameter String staticSessionTags,
                @QueryParameter boolean sessionTags) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(TrustMappingValidator.checkTransitiveTagKeys(
                    Lines.split(value), Lines.split(staticSessionTags), sessionTags));
        }

        @POST
        public FormValidation doCheckForkChangeRequestsAllowed(
                @QueryParameter boolean value, @QueryParameter boolean changeRequestsAllowed) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.toFormValidation(TrustMappingValidator.checkChangeRequests(changeRequestsAllowed, value));
        }

        @POST
        public FormValidation doCheckChainedRoleArn(
                @QueryParameter String value,
                @QueryParameter String roleArn,
                @QueryParameter String sessionDurationSeconds) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            int seconds;
            try {
                String text = sessionDurationSeconds == null ? "" : sessionDurationSeconds.strip();
                seconds = text.isEmpty() ? TrustMapping.DEFAULT_SESSION_DURATION_SECONDS : Integer.parseInt(text);
            } catch (NumberFormatException e) {
                seconds = TrustMapping.DEFAULT_SESSION_DURATION_SECONDS; // the duration's own check reports it
            }
            return FormChecks.toFormValidation(TrustMappingValidator.checkChainedRole(value, roleArn, seconds));
        }

        /**
         * The duration as typed: the form sends text, and a non-number must get a message rather than Stapler's
         * conversion error. Empty means the default.
         */
        static Validation checkSessionDuration(String value) {
            String text = value == null ? "" : value.strip();
            if (text.isEmpty()) {
                return Validation.ok();
            }
            int seconds;
            try {
                seconds = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return FormChecks.error(
                        MappingField.SESSION_DURATION, Messages.AwsRoleMapping_DurationNotANumber(text));
            }
            return TrustMappingValidator.checkSessionDuration(seconds);
        }
    }
}
