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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
 * restart, it renews the session; at the end it drops the credentials and revokes the sessions where the mapping says
 * so.
 *
 * <p><b>Life cycle.</b> A block goes through {@link Phase}s: {@code NEW}, {@code STARTING} (the start runs off the CPS
 * thread: decision, token, STS), {@code RUNNING} (the body runs), {@code ENDING} (the end runs off the CPS thread:
 * credentials dropped, sessions revoked), {@code ENDED}. Every change of phase happens under this object's lock, and
 * the end is taken exactly once, by whichever comes first: the body ending, the step being stopped, or {@link #end}
 * itself. So the end always runs, and never twice. A stop interrupts neither the start nor the end: an interrupted STS
 * call could leave a session that AWS issued and the plugin never learned of, and an interrupted end a session not
 * revoked. Instead, a start that finds its block stopped when STS answers revokes the session it got (no step will
 * use it), and a stop during the end lets the end finish and then fails the step with the stop's cause.
 *
 * <p>{@link AwsRoleStepExecution} hands the calls over; the two ends run on {@link AwsRoleService#blockWork()}.
 * Renewals are due on Jenkins' timer, which only hands them to {@link AwsRoleService#renewals()}. Kept apart from the
 * execution so that it can be tested with a mocked step context.
 *
 * <p>Several threads meet here: a renewal, the start or the end, a stop or the body's end on the CPS thread, and the
 * CPS thread writing {@code program.dat}. Every change of state happens under this object's lock, never around I/O or
 * anything that waits for the CPS thread, and the fields are volatile so that the program writer, which takes no
 * lock, reads whole values. The block's environment is one object for the block's life, renewed in place
 * ({@link AwsEnvironment} is safe for its readers on its own).
 *
 * <p>Stored in {@code program.dat} with the execution: its fields are the step's arguments, the phase, the block's
 * environment, which holds the credentials only as {@code Secret}, and the sessions' names; the scheduled renewal and
 * a stop's cause are not stored (a resumed block schedules its renewal again).
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

    /** Names, {@code aws:userid}, issue time and expiry of the current session, for revoking it; no secret. */
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

    /** Where the block is in its life; from {@code ENDING} on nothing renews or schedules. */
    private volatile Phase phase = Phase.NEW;

    /** Why the step was stopped, once it was; the step then fails with it. Not stored: a restart forgets a stop. */
    @CheckForNull
    private transient Throwable stopCause;

    /** The next renewal on the timer; lost with a restart, which renews and schedules anew. */
    @CheckForNull
    private transient ScheduledFuture<?> nextRenewal;

    AwsRoleBlock(String stage, @CheckForNull String region, @CheckForNull Integer duration) {
        this.stage = stage;
        this.region = region;
        this.duration = duration;
    }

    /** Where a block is in its life. */
    enum Phase {
        /** Made, not started. */
        NEW,
        /** Obtaining its first session, off the CPS thread. */
        STARTING,
        /** The body runs with the session. */
        RUNNING,
        /** The end runs: the credentials are gone, the sessions are being revoked. */
        ENDING,
        /** Done; nothing more happens. */
        ENDED
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
     * Starts the block: its start runs off the CPS thread, and fails the step with its reason when the block may not
     * have the role. Returns at once.
     */
    void start(StepContext context) {
        synchronized (this) {
            if (phase != Phase.NEW) {
                return;
            }
            phase = Phase.STARTING;
        }
        AwsRoleService.get().blockWork().execute(() -> beginInBackground(context));
    }

    private void beginInBackground(StepContext context) {
        try {
            begin(context, new Ending(this));
        } catch (Throwable t) { // everything reaches the step: a refusal, a setup problem, a bug
            Throwable stopped;
            synchronized (this) {
                stopped = stopCause;
                if (phase != Phase.RUNNING) {
                    phase = Phase.ENDED;
                }
            }
            if (stopped == null) {
                context.onFailure(t);
            } else {
                // The step has failed already, with the stop's cause.
                LOGGER.log(Level.FINE, "withAwsRole of stage '" + stage + "' failed after it was stopped", t);
            }
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Obtains the session and starts the body with it; {@code ending} runs when the body ends and must call
     * {@link #bodyEnded}. Schedules the session's renewal before it runs out. A block stopped while STS answered
     * starts no body: the session it got is revoked (where the mapping has revocation on), since no step will use it.
     *
     * @throws AbortException when the mappings or AWS refuse the block; the message says why and what to fix
     */
    void begin(StepContext context, BodyExecutionCallback ending) throws Exception {
        synchronized (this) {
            if (phase == Phase.NEW) {
                phase = Phase.STARTING;
            } else if (phase != Phase.STARTING) {
                return; // stopped before it began
            }
        }
        Run<?, ?> run = context.get(Run.class);
        PrintStream log = context.get(TaskListener.class).getLogger();
        BuildIdentity build = RunIdentity.of(run);
        String blockId = context.get(FlowNode.class).getId();
        AwsRoleService service = AwsRoleService.get();
        // Before asking, so that the build's page also lists a refusal.
        run.addOrReplaceAction(new BuildSessionsAction(build.jobFullName(), build.buildNumber()));
        GrantedSession granted = service.obtain(new SessionRequest(stage, build, blockId, region, duration));
        RoleSession roleSession = granted.session();
        BlockSession obtained = BlockSession.of(build, stage, granted);
        AwsEnvironment started = AwsEnvironment.of(
                roleSession.accessKeyId(),
                roleSession.secretAccessKey(),
                roleSession.sessionToken(),
                roleSession.expiration(),
                granted.region());
        boolean maskAccountId = granted.mapping().maskAccountId();
        boolean bodyStarted = false;
        try {
            // Looked up outside the lock: looking up a context may wait for the Pipeline program to load, and fails
            // once the step has completed (stopped).
            EnvironmentExpander environments =
                    EnvironmentExpander.merge(context.get(EnvironmentExpander.class), started);
            AwsMaskingFilter filter = AwsMaskingFilter.forBlock(started, granted);
            ConsoleLogFilter filters = BodyInvoker.mergeConsoleLogFilters(context.get(ConsoleLogFilter.class), filter);
            if (phase == Phase.STARTING) {
                log.println(Messages.AwsRoleStep_Assumed(
                        stage,
                        AwsMaskingFilter.maskAccount(roleSession.assumedRoleArn(), roleSession, maskAccountId),
                        roleSession.sessionName(),
                        AwsEnvironment.formatExpiration(roleSession.expiration())));
            }
            synchronized (this) {
                if (phase == Phase.STARTING) {
                    // Under the lock, so that a stop comes either before (no body) or after (its end ends this one).
                    // Starting a body only schedules it: it neither waits for the CPS thread nor does I/O.
                    body = context.newBodyInvoker()
                            .withContexts(environments, filters)
                            // A failure leaving the body is printed outside the filter: hide the secrets in it first.
                            .withCallback(new MaskingCallback(ending, filter))
                            .start();
                    environment = started;
                    session = obtained;
                    phase = Phase.RUNNING;
                    bodyStarted = true;
                    scheduleRenewal(
                            context,
                            service,
                            service.refreshSchedule().renewalDelay(roleSession.expiration()),
                            false,
                            Renewal.REFRESH);
                }
            }
        } finally {
            if (!bodyStarted) {
                // Stopped while STS answered, or the body could not start: no step will ever use this session.
                started.clear();
                log.println(Messages.AwsRoleStep_NotStarted(stage, roleSession.sessionName()));
                SessionRevocation.atEnd(service, obtained, log);
            }
        }
    }

    /**
     * The controller restarted while the block was alive. A block whose body runs gets a fresh session for the steps
     * still to come (the masking filter reads the environment, so the new credentials are masked too), at a random
     * moment of the next two minutes, so that the blocks resumed together do not all reach STS at once; the old
     * session is revoked with the block's own at its end when its mapping says so. If the block may no longer have the
     * role (the mapping is gone or refuses the build now), the body is stopped with the reason.
     *
     * <p>A block caught by the restart in its start or its end cannot go on: its start is lost (and any session STS
     * issued for it with it), so the step fails; its end is run again (dropping and revoking are safe to repeat), then
     * the step fails, because the body's result was not kept. Neither gets a renewal.
     */
    void afterRestart(StepContext context) {
        AwsRoleService service = AwsRoleService.get();
        EndWork again;
        synchronized (this) {
            switch (phase) {
                case RUNNING -> {
                    AwsEnvironment current = environment;
                    Instant expiration = current == null ? null : current.getExpiration();
                    if (expiration != null) {
                        scheduleRenewal(
                                context, service, Optional.of(service.resumeDelay(expiration)), false, Renewal.RESTART);
                    }
                    return;
                }
                case ENDING -> again = new EndWork(session, replaced);
                default -> {
                    phase = Phase.ENDED;
                    again = null;
                }
            }
        }
        AbortException cut = new AbortException(Messages.AwsRoleStep_CutByRestart(stage));
        if (again == null) {
            // NEW or STARTING: no body ever ran; ENDED: the completion was lost with the restart.
            context.onFailure(cut);
            return;
        }
        service.blockWork().execute(() -> finish(context, again, null, cut));
    }

    /** Renews the session now, as after a restart (tests; the block itself schedules it, see {@link #afterRestart}). */
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
            if (phase != Phase.RUNNING || current == null || current.isCleared() || body == null) {
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
            refused(log, why, e.getMessage());
            return;
        } catch (StsExchangeException | IllegalArgumentException e) {
            failed(context, service, current, log, e.getMessage(), retry);
            return;
        }
        RoleSession fresh = granted.session();
        BlockSession freshSession = BlockSession.of(build, stage, granted);
        boolean installed;
        synchronized (this) {
            installed = phase == Phase.RUNNING
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
                scheduleRenewal(
                        context,
                        service,
                        service.refreshSchedule().renewalDelay(fresh.expiration()),
                        false,
                        Renewal.REFRESH);
            }
        }
        if (!installed) {
            // The block ended while STS answered: no step ever saw this session, and the end revoked only the old one.
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
    private void refused(PrintStream log, Renewal why, String reason) {
        BodyExecution running;
        synchronized (this) {
            AwsEnvironment current = environment;
            running = body;
            if (phase != Phase.RUNNING || current == null || running == null) {
                return; // the body has ended meanwhile (the end has dropped the credentials), or never started
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
            scheduleRenewal(context, service, again, true, Renewal.REFRESH);
        }
    }

    /**
     * Puts the next renewal on the timer, unless the block is ending or no renewal fits before the expiry. The timer's
     * task only hands the renewal to the plugin's own threads: Jenkins' timer is shared, and a renewal may wait long.
     */
    private void scheduleRenewal(
            StepContext context, AwsRoleService service, Optional<Duration> delay, boolean retry, Renewal why) {
        assert Thread.holdsLock(this);
        cancelRenewal();
        if (phase != Phase.RUNNING || delay.isEmpty()) {
            return;
        }
        Executor renewals = service.renewals();
        try {
            nextRenewal = service.timer()
                    .schedule(
                            () -> handOver(renewals, () -> renewSafely(context, why, retry)),
                            delay.get().toMillis(),
                            TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.WARNING, "Could not schedule the renewal of the AWS session of stage '" + stage + "'", e);
        }
    }

    /** The timer's task: hands the renewal over and returns; nothing may escape it. */
    private void handOver(Executor renewals, Runnable renewal) {
        try {
            renewals.execute(renewal);
        } catch (RejectedExecutionException e) {
            // Jenkins is shutting down: the block schedules its renewal again when it resumes.
            LOGGER.log(Level.FINE, "Renewal of the AWS session of stage '" + stage + "' not run: shutting down", e);
        }
    }

    private void cancelRenewal() {
        assert Thread.holdsLock(this);
        if (nextRenewal != null) {
            nextRenewal.cancel(false);
            nextRenewal = null;
        }
    }

    /** A renewal on the plugin's threads: nothing may escape it, the executor would only swallow it. */
    private void renewSafely(StepContext context, Renewal why, boolean retry) {
        try {
            renew(context, why, retry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not refresh the AWS session of stage '" + stage + "'", e);
        }
    }

    /**
     * The step is stopped (the build aborted, a {@code timeout} fired). Called on the CPS thread, so it only decides
     * and hands over: a block still starting starts no body (its start revokes the session it gets) and the step fails
     * at once; a block whose body runs ends now, off the CPS thread, and the step fails with {@code cause} once the
     * credentials are gone and the sessions revoked; a block already ending finishes its end, then fails with
     * {@code cause}. Nothing is interrupted.
     */
    void stop(StepContext context, Throwable cause) {
        EndWork work = null;
        boolean failNow = false;
        synchronized (this) {
            if (stopCause == null) {
                stopCause = cause;
            }
            switch (phase) {
                case NEW, STARTING, ENDED -> {
                    phase = Phase.ENDED;
                    failNow = true;
                }
                case RUNNING -> work = takeEnd();
                case ENDING -> {
                    // The end under way fails the step with the stop's cause when it is done.
                }
            }
        }
        if (work != null) {
            EndWork taken = work;
            AwsRoleService.get().blockWork().execute(() -> finish(context, taken, null, cause));
        } else if (failNow) {
            context.onFailure(cause);
        }
    }

    /**
     * The body has ended, however it ended (called on the CPS thread by {@link Ending}): the end runs off the CPS
     * thread, then the step completes with the body's result, or fails with the body's failure or the stop's cause.
     * When a stop took the end already, that end completes the step.
     */
    void bodyEnded(StepContext context, @CheckForNull Throwable failure, @CheckForNull Object result) {
        EndWork work;
        synchronized (this) {
            work = takeEnd();
        }
        if (work != null) {
            AwsRoleService.get().blockWork().execute(() -> finish(context, work, result, failure));
        }
    }

    /**
     * Ends the block now, on this thread: the credentials leave the block's environment and memory, no renewal runs
     * any more, and, when the mapping has revocation on, every session of the block is revoked at AWS. Runs once: a
     * second call, or one after a stop or the body's end took the end, does nothing.
     *
     * @throws AbortException when a session could not be revoked and "Fail the build when revocation fails" is on
     */
    void end(StepContext context) throws IOException, InterruptedException {
        EndWork work;
        synchronized (this) {
            work = takeEnd();
        }
        if (work == null) {
            return;
        }
        boolean leftLive;
        try {
            leftLive = work.run(stage, logOf(context));
        } finally {
            synchronized (this) {
                phase = Phase.ENDED;
            }
        }
        if (leftLive && AwsRoleService.get().failOnRevocationFailure()) {
            throw new AbortException(Messages.Revocation_BuildFailed(stage));
        }
    }

    /**
     * Takes the end, once: from now on nothing renews, the credentials are gone from the block's environment, and
     * what is left is to say so and revoke. {@code null} when the end was taken already. A block still starting has
     * no session yet: its start, finding the block ended, revokes what it gets.
     */
    @CheckForNull
    private EndWork takeEnd() {
        assert Thread.holdsLock(this);
        switch (phase) {
            case ENDING, ENDED -> {
                return null;
            }
            case NEW, STARTING -> {
                phase = Phase.ENDED;
                return new EndWork(null, List.of());
            }
            default -> {
                phase = Phase.ENDING;
                cancelRenewal();
                AwsEnvironment current = environment;
                if (current != null) {
                    current.clear();
                }
                return new EndWork(session, replaced);
            }
        }
    }

    /**
     * Runs a taken end off the CPS thread and completes the step: with the stop's cause if it was stopped, else with
     * the body's failure, else (when a session was left live and the administrator asks for it) with the revocation's
     * failure, else with the body's result. The step completes whatever happens here.
     */
    private void finish(
            StepContext context, EndWork work, @CheckForNull Object result, @CheckForNull Throwable failure) {
        boolean leftLive = false;
        Throwable problem = null;
        try {
            leftLive = work.run(stage, logOf(context));
        } catch (IOException | RuntimeException e) {
            problem = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = e;
        }
        Throwable stopped;
        synchronized (this) {
            phase = Phase.ENDED;
            stopped = stopCause;
        }
        Throwable outcome = stopped != null ? stopped : failure;
        if (outcome == null && leftLive && AwsRoleService.get().failOnRevocationFailure()) {
            outcome = new AbortException(Messages.Revocation_BuildFailed(stage));
        }
        if (outcome == null) {
            outcome = problem;
        } else if (problem != null && problem != outcome) {
            outcome.addSuppressed(problem);
        }
        if (outcome != null) {
            context.onFailure(outcome);
        } else {
            context.onSuccess(result);
        }
    }

    private static PrintStream logOf(StepContext context) throws IOException, InterruptedException {
        return context.get(TaskListener.class).getLogger();
    }

    /** Whether the start or the end is under way: Jenkins then waits with a restart, which would cut it. */
    boolean isBusy() {
        Phase now = phase;
        return now == Phase.STARTING || now == Phase.ENDING;
    }

    /** Where the block is in its life. */
    Phase phase() {
        return phase;
    }

    /**
     * What an end does once taken: says that the credentials left the block, and revokes the block's session and
     * every session renewals replaced, where the mapping has revocation on.
     *
     * @param ending the block's current session; {@code null} when it never got one
     * @param retired the sessions renewals replaced
     */
    private record EndWork(@CheckForNull BlockSession ending, List<BlockSession> retired) {

        /** Returns whether a session the mapping asks to revoke is still usable at AWS. */
        boolean run(String stage, PrintStream log) {
            log.println(Messages.AwsRoleStep_Ended(stage, ending == null ? null : ending.sessionName()));
            AwsRoleService service = AwsRoleService.get();
            boolean leftLive = ending != null && SessionRevocation.atEnd(service, ending, log);
            for (BlockSession old : retired) {
                // Each may have expired meanwhile; the revoker then says so and writes nothing.
                leftLive |= SessionRevocation.atEnd(service, old, log);
            }
            return leftLive;
        }
    }

    /**
     * Tells the block that its body ended. Stored in {@code program.dat} with the body; it holds the block, which is
     * stored with the execution anyway.
     */
    static final class Ending extends BodyExecutionCallback {

        private static final long serialVersionUID = 1L;

        private final AwsRoleBlock block;

        Ending(AwsRoleBlock block) {
            this.block = block;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            block.bodyEnded(context, null, result);
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            block.bodyEnded(context, t, null);
        }
    }

    /** The block's environment once {@link #begin} has obtained a session; {@code null} before. */
    @CheckForNull
    AwsEnvironment environment() {
        return environment;
    }
}
