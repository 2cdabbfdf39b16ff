package io.jenkins.plugins.awsrole;

import hudson.AbortException;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.session.SessionRefusedException;
import io.jenkins.plugins.awsrole.engine.session.SessionRequest;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * One {@code withAwsRole} block: obtains the session off the CPS thread (the decision, the token, the STS call), starts
 * the body with the credentials in its environment and masked in its log, and clears them when the body ends, however
 * it ends.
 *
 * <p>Stored in {@code program.dat}: its fields are the step's arguments and the block's environment, which holds the
 * credentials only as {@code Secret}.
 */
final class AwsRoleStepExecution extends GeneralNonBlockingStepExecution {

    private static final long serialVersionUID = 1L;

    private final String stage;
    private final String region;
    private final Integer duration;
    private AwsEnvironment environment;
    private String sessionName;

    AwsRoleStepExecution(StepContext context, String stage, String region, Integer duration) {
        super(context);
        this.stage = stage;
        this.region = region;
        this.duration = duration;
    }

    @Override
    public boolean start() {
        run(this::begin);
        return false;
    }

    private void begin() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        BuildIdentity build = RunIdentity.of(run);
        String blockId = context.get(FlowNode.class).getId();
        GrantedSession granted = obtain(new SessionRequest(stage, build, blockId, region, duration));
        RoleSession session = granted.session();
        environment = AwsEnvironment.of(
                session.accessKeyId(),
                session.secretAccessKey(),
                session.sessionToken(),
                session.expiration(),
                granted.region());
        sessionName = session.sessionName();
        listener.getLogger()
                .println(Messages.AwsRoleStep_Assumed(
                        stage,
                        session.assumedRoleArn(),
                        session.sessionName(),
                        AwsEnvironment.formatExpiration(session.expiration())));
        context.newBodyInvoker()
                .withContexts(
                        EnvironmentExpander.merge(context.get(EnvironmentExpander.class), environment),
                        BodyInvoker.mergeConsoleLogFilters(
                                context.get(ConsoleLogFilter.class), AwsMaskingFilter.of(session)))
                .withCallback(new Ending())
                .start();
    }

    /** The session, or a refusal that fails the step with its message and no stack trace. */
    private static GrantedSession obtain(SessionRequest request) throws AbortException, InterruptedException {
        try {
            return AwsRoleService.get().broker().obtain(request);
        } catch (SessionRefusedException | StsExchangeException | IllegalArgumentException e) {
            throw new AbortException(Messages.AwsRoleStep_Refused(request.stage(), e.getMessage()));
        }
    }

    /** Runs off the CPS thread when the body ends: the credentials leave the block's environment and memory. */
    private final class Ending extends TailCall {

        private static final long serialVersionUID = 1L;

        @Override
        protected void finished(StepContext context) throws Exception {
            if (environment != null) {
                environment.clear();
            }
            context.get(TaskListener.class).getLogger().println(Messages.AwsRoleStep_Ended(stage, sessionName));
        }
    }
}
