package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.session.SessionRefusedException;
import io.jenkins.plugins.awsrole.engine.session.SessionRequest;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappingValidator;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Sessions that a credential of the type "AWS role through Jenkins OIDC" gives a build. The credential (package
 * {@code awscredentials}, loaded only with the aws-credentials plugin) keeps no state of its own beyond the stage: it
 * asks here, with the build the credentials API bound it to, and gets exactly what {@code withAwsRole} would get: the
 * trust decision for the build's identity, the token, STS, the audit events and the build's "AWS sessions" page.
 *
 * <p>Each session is written on the build ({@link Kept}: names, role, {@code aws:userid} and expiry, never a secret) so
 * that, when the build ends, the sessions of mappings with revocation on are revoked: the build itself, not the
 * controller's memory, remembers what it was given.
 *
 * <p>This class names no type of aws-credentials, so that the plugin loads without it.
 */
@Restricted(NoExternalUse.class)
public final class CredentialSessions {

    private static final Logger LOGGER = Logger.getLogger(CredentialSessions.class.getName());

    private CredentialSessions() {}

    /**
     * A session of {@code stage} for {@code run}.
     *
     * @param run the build the credential is bound to
     * @param stage the stage the credential names
     * @param credentialsId the credential's id, for messages
     * @param replacing the session this one renews before it runs out, or {@code null} for a first session
     * @return the session, recorded in the audit trail and on the build
     * @throws AbortException when the build has ended, or the trust mappings or AWS refuse; the message says why
     */
    public static GrantedSession obtain(
            @NonNull Run<?, ?> run, String stage, String credentialsId, @CheckForNull GrantedSession replacing)
            throws AbortException, InterruptedException {
        if (!run.isLogUpdated()) {
            // A credential bound to a finished build must not mint sessions in its name.
            throw new AbortException(
                    Messages.CredentialSessions_BuildEnded(credentialsId, stage, run.getFullDisplayName()));
        }
        BuildIdentity build = RunIdentity.of(run);
        AwsRoleService service = AwsRoleService.get();
        run.addOrReplaceAction(new BuildSessionsAction(build.jobFullName(), build.buildNumber()));
        Kept kept = kept(run);
        SessionRequest request = new SessionRequest(stage, build, kept.nextBlockId(), null, null);
        GrantedSession granted;
        try {
            granted = replacing == null
                    ? AwsRoleService.obtain(service.broker(), request, service.audit())
                    : AwsRoleService.renew(
                            service.broker(),
                            request,
                            service.audit(),
                            "before the session ran out, replacing session "
                                    + replacing.session().sessionName());
        } catch (SessionRefusedException | StsExchangeException | IllegalArgumentException e) {
            // obtain() already says this; renew() and broker() (no issuer URL) leave it to the caller
            throw new AbortException(Messages.AwsRoleStep_Refused(stage, e.getMessage()));
        }
        BlockSession obtained = BlockSession.of(build, stage, granted);
        BlockSession first = obtained.webIdentity();
        if (first != null) {
            // Role chaining: the first session is kept as an entry of its own, so that the build's end revokes it too.
            kept.add(first, credentialsId);
        }
        kept.add(obtained, credentialsId);
        save(run);
        return granted;
    }

    /** When a session obtained now should be renewed: the block's refresh schedule, or its expiry. */
    public static Instant renewalDue(GrantedSession granted) {
        Instant expiration = granted.session().expiration();
        var schedule = AwsRoleService.get().refreshSchedule();
        return schedule.renewalDelay(expiration).map(schedule.now()::plus).orElse(expiration);
    }

    /** Now, by the controller's clock that the refresh schedule reads. */
    public static Instant now() {
        return AwsRoleService.get().refreshSchedule().now();
    }

    /**
     * The form check of a credential's stage: its syntax, then (for administrators only, who may see the mappings)
     * a warning when no trust mapping has the stage yet.
     */
    public static FormValidation checkStage(String stage) {
        Validation syntax = TrustMappingValidator.checkStage(stage);
        if (syntax.hasErrors()) {
            return FormChecks.toFormValidation(syntax);
        }
        Jenkins jenkins = Jenkins.get();
        if (jenkins.hasPermission(Jenkins.ADMINISTER)
                && AwsRoleConfiguration.get().trustMappings().all().stream()
                        .noneMatch(m -> m.stage().equals(stage.strip()))) {
            return FormValidation.warning(Messages.CredentialSessions_NoSuchStage(stage.strip()));
        }
        return FormValidation.ok();
    }

    /** The syntax error of a stage name, or {@code null} when the name is fine. */
    @CheckForNull
    public static String stageError(String stage) {
        Validation syntax = TrustMappingValidator.checkStage(stage);
        return syntax.hasErrors() ? syntax.errors().get(0).message() : null;
    }

    private static synchronized Kept kept(Run<?, ?> run) {
        Kept kept = run.getAction(Kept.class);
        if (kept == null) {
            kept = new Kept();
            run.addAction(kept);
        }
        return kept;
    }

    private static void save(Run<?, ?> run) {
        try {
            run.save();
        } catch (IOException e) {
            // The session still works and is in the audit trail; only a revocation after a restart would miss it.
            LOGGER.log(Level.WARNING, "Could not save " + run + " with its AWS sessions", e);
        }
    }

    /**
     * The sessions bound credentials obtained for one build, kept in its {@code build.xml}. Nothing in it is secret:
     * these are the names, the role, the session's {@code aws:userid} and expiry that the audit trail logs too.
     */
    public static final class Kept extends InvisibleAction {

        private int issued;

        /**
         * Replaced, never changed in place: {@code run.save()} writes it without this object's lock, so a list it is
         * writing must not grow under it (two bindings of one build can run in parallel branches).
         */
        private volatile List<Entry> sessions = new ArrayList<>();

        private boolean ended;

        /** What tells the next session apart from the build's other sessions: {@code c1}, {@code c2}, ... */
        synchronized String nextBlockId() {
            return "c" + ++issued;
        }

        synchronized void add(BlockSession session, String credentialsId) {
            List<Entry> next = new ArrayList<>(sessions);
            next.add(new Entry(session, credentialsId));
            sessions = next;
        }

        /** The sessions to end, once: empty on any later call. */
        synchronized List<Entry> end() {
            if (ended) {
                return List.of();
            }
            ended = true;
            return List.copyOf(sessions);
        }
    }

    /** One session of a build, as {@code build.xml} keeps it (a plain class: XStream writes it field by field). */
    static final class Entry {
        private final String credentialsId;
        private final String job;
        private final long build;
        private final String stage;
        private final String roleArn;
        private final String sessionName;
        private final String assumedRoleId;
        private final long expirationMillis;
        /** When STS issued the session, for a revocation bounded by it; {@code null} if unknown. */
        @CheckForNull
        private final Long issuedAtMillis;

        private final boolean revocation;

        Entry(BlockSession session, String credentialsId) {
            this.credentialsId = credentialsId;
            this.job = session.job();
            this.build = session.build();
            this.stage = session.stage();
            this.roleArn = session.roleArn();
            this.sessionName = session.sessionName();
            this.assumedRoleId = session.assumedRoleId();
            this.expirationMillis = session.expiration().toEpochMilli();
            Instant issuedAt = session.issuedAt();
            this.issuedAtMillis = issuedAt == null ? null : issuedAt.toEpochMilli();
            this.revocation = session.revocation();
        }

        String credentialsId() {
            return credentialsId;
        }

        BlockSession session() {
            return new BlockSession(
                    job,
                    build,
                    stage,
                    roleArn,
                    sessionName,
                    assumedRoleId,
                    Instant.ofEpochMilli(expirationMillis),
                    issuedAtMillis == null ? null : Instant.ofEpochMilli(issuedAtMillis),
                    revocation,
                    null);
        }
    }

    /**
     * When a build ends, however it ends: one line for each session its bound credentials obtained, and the sessions
     * of mappings with revocation on are revoked. A failed revocation is a log line and an audit event; the build
     * keeps its result.
     */
    @Extension
    public static final class EndOfBuild extends RunListener<Run<?, ?>> {

        @Override
        public void onCompleted(Run<?, ?> run, @NonNull TaskListener listener) {
            Kept kept = run.getAction(Kept.class);
            if (kept == null) {
                return;
            }
            PrintStream log = listener.getLogger();
            AwsRoleService service = AwsRoleService.get();
            for (Entry entry : kept.end()) {
                BlockSession session = entry.session();
                log.println(Messages.CredentialSessions_Ended(
                        entry.credentialsId(),
                        session.stage(),
                        session.sessionName(),
                        AwsEnvironment.formatExpiration(session.expiration())));
                SessionRevocation.atEnd(service, session, log);
            }
        }
    }
}
