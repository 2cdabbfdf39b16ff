package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapperDescriptor;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.session.SessionBroker;
import io.jenkins.plugins.awsrole.engine.session.SessionRequest;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.tasks.SimpleBuildWrapper;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * The freestyle counterpart of {@code withAwsRole}: the whole build (its build steps) runs with short-lived
 * credentials of the IAM role mapped to the stage. Same identity, decision, variables and masking as the step.
 *
 * <p>Freestyle only. Used from Pipeline (through the generic {@code wrap} step or the {@code awsRole} symbol) it
 * refuses to start: there Jenkins calls {@code setUp} before it decorates the log, and keeps the variables unencrypted
 * and not marked sensitive in {@code program.dat}; the {@code withAwsRole} step does neither. The refusal is not a
 * type test but the very condition that matters: {@code setUp} hands out credentials only when a log that will mask
 * them is already registered for the build ({@link FreestyleLogMasks}).
 *
 * <p>Environment: the variables of {@link AwsEnvironment#plan()}. {@code Context.env} cannot remove a variable, but
 * core applies a freestyle wrapper's variables with {@code EnvVars.overrideAll}, and {@code EnvVars.override} removes
 * a variable whose new value is empty; so the conflicting variables are bound to {@code ""}, which removes them from
 * the environment Jenkins computes for the build steps.
 */
public final class AwsRoleBuildWrapper extends SimpleBuildWrapper {

    /** Goes into the role session name; a freestyle project has at most one instance of this wrapper. */
    static final String BLOCK_ID = "freestyle";

    private final String stage;
    private String region;
    private Integer duration;

    @DataBoundConstructor
    public AwsRoleBuildWrapper(String stage) {
        this.stage = stage == null ? "" : stage.strip();
    }

    public String getStage() {
        return stage;
    }

    @CheckForNull
    public String getRegion() {
        return region;
    }

    /** A region for the build, where the mapping names none; empty for the mapping's or the default. */
    @DataBoundSetter
    public void setRegion(String region) {
        this.region = region == null || region.isBlank() ? null : region.strip();
    }

    @CheckForNull
    public Integer getDuration() {
        return duration;
    }

    /** A session duration in seconds, at most the mapping's; empty for the mapping's. */
    @DataBoundSetter
    public void setDuration(Integer duration) {
        this.duration = duration;
    }

    /** The credentials are variables and a log filter; no workspace is needed, so none is asked for. */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    /** Called when the build starts, before {@link #setUp}: see {@link FreestyleMaskingFilter}. */
    @Override
    public ConsoleLogFilter createLoggerDecorator(@NonNull Run<?, ?> build) {
        return new FreestyleMaskingFilter(build.getExternalizableId());
    }

    @Override
    public void setUp(Context context, Run<?, ?> build, TaskListener listener, EnvVars initialEnvironment)
            throws IOException, InterruptedException {
        String buildId = build.getExternalizableId();
        if (!FreestyleLogMasks.INSTANCE.isAttached(buildId)) {
            throw new AbortException(Messages.AwsRoleBuildWrapper_NotFreestyle());
        }
        BuildIdentity identity = RunIdentity.of(build);
        // Before asking, as withAwsRole does, so that the build's page lists a refusal too.
        build.addOrReplaceAction(new BuildSessionsAction(identity.jobFullName(), identity.buildNumber()));
        AwsRoleService service = AwsRoleService.get();
        start(context, buildId, listener, service::obtain, identity);
    }

    /** Where the wrapper's session comes from: the service, or in tests a given broker. */
    @FunctionalInterface
    interface SessionSource {
        GrantedSession obtain(SessionRequest request) throws AbortException, InterruptedException;
    }

    /** {@link #start(Context, String, TaskListener, SessionSource, BuildIdentity)} with a given broker (tests). */
    void start(
            Context context,
            String buildId,
            TaskListener listener,
            SessionBroker broker,
            BuildIdentity identity,
            AuditLog audit)
            throws AbortException, InterruptedException {
        start(context, buildId, listener, request -> AwsRoleService.obtain(broker, request, audit), identity);
    }

    /** Everything {@link #setUp} does once it has the build's facts; separate so that tests reach it without Jenkins. */
    void start(Context context, String buildId, TaskListener listener, SessionSource sessions, BuildIdentity identity)
            throws AbortException, InterruptedException {
        GrantedSession granted = sessions.obtain(new SessionRequest(stage, identity, BLOCK_ID, region, duration));
        RoleSession session = granted.session();
        // Masked before the variables exist and before anything is printed: no step can see them unmasked.
        boolean maskAccountId = granted.mapping().maskAccountId();
        List<String> secrets =
                new ArrayList<>(List.of(session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
        if (maskAccountId && session.accountId() != null) {
            secrets.add(session.accountId());
        }
        int masked = FreestyleLogMasks.INSTANCE.addSecrets(buildId, secrets);
        if (masked == 0) {
            throw new AbortException(Messages.AwsRoleBuildWrapper_NotFreestyle());
        }
        AwsEnvironment.Plan plan = AwsEnvironment.of(
                        session.accessKeyId(),
                        session.secretAccessKey(),
                        session.sessionToken(),
                        session.expiration(),
                        granted.region())
                .plan();
        plan.set().forEach(context::env);
        for (String name : plan.remove()) {
            context.env(name, ""); // EnvVars.override removes a variable whose value is empty
        }
        context.setDisposer(new Cleanup(buildId, BlockSession.of(identity, stage, granted), context.getEnv()));
        listener.getLogger()
                .println(Messages.AwsRoleStep_Assumed(
                        stage,
                        AwsMaskingFilter.maskAccount(session.assumedRoleArn(), session, maskAccountId),
                        session.sessionName(),
                        AwsEnvironment.formatExpiration(session.expiration())));
    }

    /**
     * Runs when the build steps are done (core tears wrappers down before the publishers run): takes the credentials
     * out of the environment the rest of the build still computes, and stops taking secrets for the build's log.
     *
     * <p>Core keeps the wrapper's variables in its {@code Context} until the build is cleaned up, after the
     * publishers, so a publisher asking for the build's environment would still get the credentials. This disposer
     * therefore keeps the {@code Context}'s own variable map (core's {@code Context.getEnv()} returns the live map)
     * and empties the credential values in it, which {@code EnvVars.override} turns into removals. The map is
     * {@code transient}: the credentials never go into a serialized form of this object, which then only names the
     * build, the stage and the session (names, {@code aws:userid} and expiry, to revoke it).
     */
    static final class Cleanup extends Disposer {

        private static final long serialVersionUID = 1L;

        private final String buildId;
        private final BlockSession session;

        @SuppressFBWarnings(
                value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "Holds credentials: never serialized; a deserialized copy has nothing to empty.")
        private transient Map<String, String> environment;

        Cleanup(String buildId, BlockSession session, Map<String, String> environment) {
            this.buildId = buildId;
            this.session = session;
            this.environment = environment;
        }

        @Override
        public void tearDown(Run<?, ?> build, TaskListener listener) {
            Map<String, String> current = environment;
            if (current != null) {
                for (String name : AwsEnvironment.CREDENTIALS) {
                    current.replace(name, "");
                }
                environment = null;
            }
            // The log goes on masking what it knows; it just takes no more secrets for this build.
            FreestyleLogMasks.INSTANCE.forget(buildId);
            listener.getLogger().println(Messages.AwsRoleBuildWrapper_Ended(session.stage(), session.sessionName()));
            // A failed revocation is a log line, an audit event and a line of the administrative monitor; the build
            // keeps its result unless the administrator asks for it to fail. Set as a result, not thrown: throwing
            // would skip the tear-down of the other wrappers.
            if (!session.revocation()) {
                return;
            }
            AwsRoleService service = AwsRoleService.get();
            if (SessionRevocation.atEnd(service, session, listener.getLogger()) && service.failOnRevocationFailure()) {
                listener.getLogger().println(Messages.Revocation_BuildFailed(session.stage()));
                build.setResult(Result.FAILURE);
            }
        }
    }

    @Extension
    // No @Symbol: a symbol would offer the wrapper to Pipeline (`options { awsRole(...) }`, `wrap`), where it cannot
    // work safely (Pipeline stores a wrapper's variables in program.dat unencrypted); withAwsRole is the Pipeline way.
    public static final class DescriptorImpl extends BuildWrapperDescriptor {

        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AwsRoleBuildWrapper_DisplayName();
        }

        /**
         * The stages whose mappings allow this job, for users who may configure it; for anyone else only the
         * configured value, so that the list reveals no mapping.
         */
        public ListBoxModel doFillStageItems(@AncestorInPath Item item, @QueryParameter String stage) {
            List<String> mapped = item != null && item.hasPermission(Item.CONFIGURE)
                    ? AwsRoleConfiguration.get().trustMappings().stagesFor(item.getFullName())
                    : List.of();
            ListBoxModel model = new ListBoxModel();
            stageChoices(mapped, stage).forEach(model::add);
            return model;
        }

        /** The mapped stages, and the configured one where no mapping (any longer) offers it, so it is not lost. */
        static List<String> stageChoices(List<String> mapped, @CheckForNull String current) {
            List<String> choices = new ArrayList<>(mapped);
            if (current != null && !current.isBlank() && !choices.contains(current.strip())) {
                choices.add(0, current.strip());
            }
            return choices;
        }
    }
}
