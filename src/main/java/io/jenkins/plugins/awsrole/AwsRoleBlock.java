package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.session.SessionRequest;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What one {@code withAwsRole} block does at its two ends, apart from the Pipeline machinery that calls it: at the
 * start it obtains the session (decision, token, STS), logs which role it got and starts the body with the credentials
 * in its environment and masked in its log; at the end it drops the credentials.
 *
 * <p>{@link AwsRoleStepExecution} runs both ends off the CPS thread. Kept apart from it because the execution's
 * superclass can only be made inside Jenkins, while this class can be tested with a mocked step context.
 *
 * <p>Stored in {@code program.dat} with the execution: its fields are the step's arguments and the block's
 * environment, which holds the credentials only as {@code Secret}.
 */
final class AwsRoleBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String stage;

    @CheckForNull
    private final String region;

    @CheckForNull
    private final Integer duration;

    @CheckForNull
    private AwsEnvironment environment;

    @CheckForNull
    private String sessionName;

    /** Names, {@code aws:userid} and expiry of the session, for revoking it at the end; no secret. */
    @CheckForNull
    private BlockSession session;

    /** The running body, to stop it when the block loses its role (after a restart); {@code null} before. */
    @CheckForNull
    private BodyExecution body;

    /** How many times the session was renewed after a controller restart; part of the renewed session's name. */
    private int renewals;

    AwsRoleBlock(String stage, @CheckForNull String region, @CheckForNull Integer duration) {
        this.stage = stage;
        this.region = region;
        this.duration = duration;
    }

    /**
     * Obtains the session and starts the body with it; {@code ending} runs when the body ends and must call
     * {@link #end}.
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
        RoleSession session = granted.session();
        environment = AwsEnvironment.of(
                session.accessKeyId(),
                session.secretAccessKey(),
                session.sessionToken(),
                session.expiration(),
                granted.region());
        sessionName = session.sessionName();
        this.session = BlockSession.of(build, stage, granted);
        boolean maskAccountId = granted.mapping().maskAccountId();
        listener.getLogger()
                .println(Messages.AwsRoleStep_Assumed(
                        stage,
                        AwsMaskingFilter.maskAccount(session.assumedRoleArn(), session, maskAccountId),
                        session.sessionName(),
                        AwsEnvironment.formatExpiration(session.expiration())));
        body = context.newBodyInvoker()
                .withContexts(
                        EnvironmentExpander.merge(context.get(EnvironmentExpander.class), environment),
                        BodyInvoker.mergeConsoleLogFilters(
                                context.get(ConsoleLogFilter.class),
                                AwsMaskingFilter.forBlock(environment, session, maskAccountId)))
                .withCallback(ending)
                .start();
    }

    /**
     * The controller restarted while the body ran: the block gets a fresh session for the steps still to come (the
     * masking filter reads the environment, so the new credentials are masked too), and the old one is revoked when
     * its mapping says so. If the block may no longer have the role (the mapping is gone or refuses the build now),
     * the body is stopped with the reason. A block that has not started its body, or has ended, is left alone.
     */
    void resume(StepContext context) throws IOException, InterruptedException {
        if (environment == null || environment.isCleared() || body == null) {
            return;
        }
        Run<?, ?> run = context.get(Run.class);
        PrintStream log = context.get(TaskListener.class).getLogger();
        BuildIdentity build = RunIdentity.of(run);
        renewals++;
        String blockId = context.get(FlowNode.class).getId() + "r" + renewals;
        AwsRoleService service = AwsRoleService.get();
        GrantedSession granted;
        try {
            granted = AwsRoleService.obtain(
                    service.broker(), new SessionRequest(stage, build, blockId, region, duration), service.audit());
        } catch (AbortException refused) {
            environment.clear();
            log.println(Messages.AwsRoleStep_ResumeRefused(stage));
            body.cancel(refused);
            return;
        }
        BlockSession previous = session;
        RoleSession fresh = granted.session();
        environment.renew(
                Secret.fromString(fresh.accessKeyId()),
                Secret.fromString(fresh.secretAccessKey()),
                Secret.fromString(fresh.sessionToken()),
                fresh.expiration());
        sessionName = fresh.sessionName();
        session = BlockSession.of(build, stage, granted);
        log.println(Messages.AwsRoleStep_Renewed(
                stage,
                AwsMaskingFilter.maskAccount(
                        fresh.assumedRoleArn(), fresh, granted.mapping().maskAccountId()),
                fresh.sessionName(),
                AwsEnvironment.formatExpiration(fresh.expiration())));
        if (previous != null && previous.revocation()) {
            SessionRevocation.atEnd(service, previous, log);
        }
    }

    /**
     * The body has ended, however it ended: the credentials leave the block's environment and memory, and, when the
     * mapping has revocation on, the session is revoked at AWS. A failed revocation is a log line and an audit event,
     * never an exception: the block keeps the result its body had.
     */
    void end(StepContext context) throws IOException, InterruptedException {
        if (environment != null) {
            environment.clear();
        }
        PrintStream log = context.get(TaskListener.class).getLogger();
        log.println(Messages.AwsRoleStep_Ended(stage, sessionName));
        if (session != null && session.revocation()) {
            SessionRevocation.atEnd(AwsRoleService.get(), session, log);
        }
    }

    /** The block's environment once {@link #begin} has obtained a session; {@code null} before. */
    @CheckForNull
    AwsEnvironment environment() {
        return environment;
    }
}
