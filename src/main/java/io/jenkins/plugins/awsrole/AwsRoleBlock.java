package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.session.RefreshSchedule;
import io.jenkins.plugins.awsrole.engine.session.SessionRefusedException;
import io.jenkins.plugins.awsrole.engine.session.SessionRequest;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What one {@code withAwsRole} block does at its two ends and in between, apart from the Pipeline machinery that
 * calls it: at the start it obtains the session (decision, token, STS), logs which role it got and starts the body
 * with the credentials in its environment and masked in its log; before the session runs out, and after a controller
 * restart, it renews the session; at the end it drops the credentials.
 *
 * <p>{@link AwsRoleStepExecution} runs the ends off the CPS thread; renewals before expiry run on Jenkins' timer. Kept
 * apart from the execution because the execution's superclass can only be made inside Jenkins, while this class can be
 * tested with a mocked step context.
 *
 * <p>Three threads meet here: the timer's renewal, {@link #end} (and {@link #resume}) off the CPS thread, and the CPS
 * thread writing {@code program.dat}. Every change of state happens under this object's lock, never around I/O, and
 * the fields are volatile so that the program writer, which takes no lock, reads whole values. The block's environment
 * is one object for the block's life, renewed in place ({@link AwsEnvironment} is safe for its readers on its own).
 *
 * <p>Stored in {@code program.dat} with the execution: its fields are the step's arguments, the block's environment,
 * which holds the credentials only as {@code Secret}, and the session's names; the scheduled renewal is not stored
 * ({@link #resume} schedules it again).
 */
final class AwsRoleBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Logger LOGGER = Logger.getLogger(AwsRoleBlock.class.getName());

    private final String stage;

    @CheckForNull
    private final String region;

    @CheckForNull
    private final Integer duration;

    @CheckForNull
    private volatile AwsEnvironment environment;

    /** Names, {@code aws:userid} and expiry of the current session, for revoking it; no secret. */
    @CheckForNull
    private volatile BlockSession session;

    /**
     * The sessions renewals replaced, revoked when the block ends rather than when they are replaced: a step started
     * before the renewal (a long {@code sh}, or one that went on running on its agent across a controller restart)
     * still uses its credentials, and must not lose them before the block ends or they expire. Replaced with a new
     * list on every change, never changed in place, so that {@code program.dat} always reads a whole one.
     */
    private volatile List<BlockSession> replaced = List.of();

    /** The running body, to stop it when the block loses its role; {@code null} before. */
    @CheckForNull
    private volatile BodyExecution body;

    /**
     * How many times the session was renewed, for whatever reason; with the reason's letter it ends the renewed
     * session's block id ({@code 7r1}, {@code 7f2}), so every session of the block has a name of its own.
     */
    private int renewals;

    /** Whether {@link #end} has begun: from then on nothing renews or schedules. */
    private volatile boolean ended;

    /** The next renewal on the timer; lost with a restart, which renews and schedules anew. */
    @CheckForNull
    private transient ScheduledFuture<?> nextRenewal;

    AwsRoleBlock(String stage, @CheckForNull String region, @CheckForNull Integer duration) {
        this.stage = stage;
        this.region = region;
        this.duration = duration;
    }

    /** Why a block gets a fresh session: its letter in the session name and the audit event's message. */
    enum Renewal {
        /** After a controller restart: the credentials were in {@code program.dat} only encrypted, now renewed. */
        RESTART("r", "after a controller restart"),
        /** The session was about to run out. */
        REFRESH("f", "before the session ran out");

        private final String suffix;
        private final String reason;

        Renewal(String suffix, String reason) {
            this.suffix = suffix;
            this.reason = reason;
        }

        /** The letter between the flow node id and the renewal count in the block id. */
        String suffix() {
            return suffix;
        }
    }

    /**
     * Obtains the session and starts the body with it; {@code ending} runs when the body ends and must call
     * {@link #end}. Schedules the session's renewal before it runs out.
     *
     * @throws AbortException when the mappings or AWS refuse the block; the message says why and what to fix
     */
    void begin(StepContext context, BodyExecutionCallback ending) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        BuildIdentity build = RunIdentity.of(run);
        String blockId = context.get(FlowNode.class).getId();
        AwsRoleService service = AwsRoleService.get();
        // Before asking, so that the build's page also lists a refusal.
        run.addOrReplaceAction(new BuildSessionsAction(build.jobFullName(), build.buildNumber()));
        GrantedSession granted = AwsRoleService.obtain(
                service.broker(), new SessionRequest(stage, build, blockId, region, duration), service.audit());
        RoleSession roleSession = granted.session();
        AwsEnvironment started = AwsEnvironment.of(
                roleSession.accessKeyId(),
                roleSession.secretAccessKey(),
                roleSession.sessionToken(),
                roleSession.expiration(),
                granted.region());
        synchronized (this) {
            environment = started;
            session = BlockSession.of(build, stage, granted);
        }
        boolean maskAccountId = granted.mapping().maskAccountId();
        listener.getLogger()
                .println(Messages.AwsRoleStep_Assumed(
                        stage,
                        AwsMaskingFilter.maskAccount(roleSession.assumedRoleArn(), roleSession, maskAccountId),
                        roleSession.sessionName(),
                        AwsEnvironment.formatExpiration(roleSession.expiration())));
        AwsMaskingFilter filter = AwsMaskingFilter.forBlock(started, roleSession, maskAccountId);
        BodyExecution running = context.newBodyInvoker()
                .withContexts(
                        EnvironmentExpander.merge(context.get(EnvironmentExpander.class), started),
                        BodyInvoker.mergeConsoleLogFilters(context.get(ConsoleLogFilter.class), filter))
                // A failure leaving the body is printed outside the filter: hide the secrets in it first.
                .withCallback(new MaskingCallback(ending, filter))
                .start();
        synchronized (this) {
            body = running;
            scheduleRenewal(context, service, service.refreshSchedule().renewalDelay(roleSession.expiration()), false);
        }
    }

    /**
     * The controller restarted while the body ran: the block gets a fresh session for the steps still to come (the
     * masking filter reads the environment, so the new credentials are masked too), the old one is revoked with the
     * block's own at its end when its mapping says so, and the renewal before expiry is scheduled again. If the block may no longer have the role (the
     * mapping is gone or refuses the build now), the body is stopped with the reason. A block that has not started its
     * body, or has ended, is left alone.
     */
    void resume(StepContext context) throws IOException, InterruptedException {
        renew(context, Renewal.RESTART, false);
    }

    /**
     * The session is about to run out: the same as after a restart, from the timer. A failure that may pass (STS
     * throttled or unreachable, AWS refusing) is tried once more later; the mappings refusing the build now stop the
     * body.
     */
    void refresh(StepContext context) throws IOException, InterruptedException {
        renew(context, Renewal.REFRESH, false);
    }

    private void renew(StepContext context, Renewal why, boolean retry) throws IOException, InterruptedException {
        BlockSession previous;
        AwsEnvironment current;
        int count;
        synchronized (this) {
            current = environment;
            if (ended || current == null || current.isCleared() || body == null) {
                return;
            }
            previous = session;
            count = ++renewals;
        }
        Run<?, ?> run = context.get(Run.class);
        PrintStream log = context.get(TaskListener.class).getLogger();
        BuildIdentity build = RunIdentity.of(run);
        String blockId = context.get(FlowNode.class).getId() + why.suffix() + count;
        AwsRoleService service = AwsRoleService.get();
        GrantedSession granted;
        try {
            granted = AwsRoleService.renew(
                    service.broker(),
                    new SessionRequest(stage, build, blockId, region, duration),
                    service.audit(),
                    why.reason + ", replacing session " + (previous == null ? "-" : previous.sessionName()));
        } catch (SessionRefusedException e) {
            stop(log, why, e.getMessage());
            return;
        } catch (StsExchangeException | IllegalArgumentException e) {
            failed(context, service, current, log, e.getMessage(), retry);
            return;
        }
        RoleSession fresh = granted.session();
        BlockSession freshSession = BlockSession.of(build, stage, granted);
        boolean installed;
        synchronized (this) {
            installed = !ended
                    && current.renew(
                            Secret.fromString(fresh.accessKeyId()),
                            Secret.fromString(fresh.secretAccessKey()),
                            Secret.fromString(fresh.sessionToken()),
                            fresh.expiration());
            if (installed) {
                if (previous != null) {
                    List<BlockSession> retired = new ArrayList<>(replaced);
                    retired.add(previous);
                    replaced = retired;
                }
                session = freshSession;
                scheduleRenewal(context, service, service.refreshSchedule().renewalDelay(fresh.expiration()), false);
            }
        }
        if (!installed) {
            // The block ended while STS answered: no step ever saw this session, and end() revoked only the old one.
            SessionRevocation.atEnd(service, freshSession, log);
            return;
        }
        String role = AwsMaskingFilter.maskAccount(
                fresh.assumedRoleArn(), fresh, granted.mapping().maskAccountId());
        String until = AwsEnvironment.formatExpiration(fresh.expiration());
        log.println(
                why == Renewal.RESTART
                        ? Messages.AwsRoleStep_Renewed(stage, role, fresh.sessionName(), until)
                        : Messages.AwsRoleStep_Refreshed(stage, role, fresh.sessionName(), until));
    }

    /** The mappings refuse the build now: the credentials leave the block and the body stops with the reason. */
    private void stop(PrintStream log, Renewal why, String reason) {
        BodyExecution running;
        synchronized (this) {
            AwsEnvironment current = environment;
            running = body;
            if (ended || current == null || running == null) {
                return; // the body has ended meanwhile (end() has dropped the credentials), or never started
            }
            current.clear();
            cancelRenewal();
        }
        log.println(
                why == Renewal.RESTART
                        ? Messages.AwsRoleStep_ResumeRefused(stage)
                        : Messages.AwsRoleStep_RefreshRefused(stage));
        running.cancel(new AbortException(Messages.AwsRoleStep_Refused(stage, reason)));
    }

    /**
     * A renewal failed for a reason that may pass: the block keeps its current credentials, and the renewal is tried
     * once more while they are still valid; after a failed retry they are let expire.
     */
    private void failed(
            StepContext context,
            AwsRoleService service,
            AwsEnvironment current,
            PrintStream log,
            String reason,
            boolean retry) {
        Instant expiration = current.getExpiration();
        if (expiration == null) {
            return; // ended meanwhile
        }
        RefreshSchedule schedule = service.refreshSchedule();
        Optional<Duration> again = retry ? Optional.empty() : schedule.retryDelay(expiration);
        String until = AwsEnvironment.formatExpiration(expiration);
        if (again.isEmpty()) {
            log.println(Messages.AwsRoleStep_RefreshFailed(stage, reason, until));
            return;
        }
        log.println(Messages.AwsRoleStep_RefreshRetry(
                stage, reason, AwsEnvironment.formatExpiration(schedule.now().plus(again.get())), until));
        synchronized (this) {
            scheduleRenewal(context, service, again, true);
        }
    }

    /** Puts the next renewal on the timer, unless the block has ended or no renewal fits before the expiry. */
    private void scheduleRenewal(StepContext context, AwsRoleService service, Optional<Duration> delay, boolean retry) {
        assert Thread.holdsLock(this);
        cancelRenewal();
        if (ended || delay.isEmpty()) {
            return;
        }
        nextRenewal = service.timer()
                .schedule(() -> renewOnTimer(context, retry), delay.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelRenewal() {
        assert Thread.holdsLock(this);
        if (nextRenewal != null) {
            nextRenewal.cancel(false);
            nextRenewal = null;
        }
    }

    /** The timer's task: nothing may escape it, the executor would only swallow it. */
    private void renewOnTimer(StepContext context, boolean retry) {
        try {
            renew(context, Renewal.REFRESH, retry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not refresh the AWS session of stage '" + stage + "'", e);
        }
    }

    /**
     * The body has ended, however it ended: the credentials leave the block's environment and memory, no renewal
     * runs any more, and, when the mapping has revocation on, the session is revoked at AWS. A failed revocation is a
     * log line and an audit event, never an exception: the block keeps the result its body had.
     */
    void end(StepContext context) throws IOException, InterruptedException {
        BlockSession ending;
        List<BlockSession> retired;
        synchronized (this) {
            ended = true;
            cancelRenewal();
            AwsEnvironment current = environment;
            if (current != null) {
                current.clear();
            }
            ending = session;
            retired = replaced;
        }
        PrintStream log = context.get(TaskListener.class).getLogger();
        log.println(Messages.AwsRoleStep_Ended(stage, ending == null ? null : ending.sessionName()));
        if (ending != null && ending.revocation()) {
            SessionRevocation.atEnd(AwsRoleService.get(), ending, log);
        }
        for (BlockSession old : retired) {
            // Each may have expired meanwhile; the revoker then says so and writes nothing.
            SessionRevocation.atEnd(AwsRoleService.get(), old, log);
        }
    }

    /** The block's environment once {@link #begin} has obtained a session; {@code null} before. */
    @CheckForNull
    AwsEnvironment environment() {
        return environment;
    }
}
