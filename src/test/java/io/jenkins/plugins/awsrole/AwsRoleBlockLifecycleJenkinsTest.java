package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.Faults;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue 13, item 9, through real Pipelines: a build stopped while its {@code withAwsRole} block starts or ends. The
 * local AWS server holds STS or IAM on a gate so that the stop lands at that moment; the block's mapping has
 * revocation on, with a revoker role in the same account. Whatever the moment, no session the block obtained may stay
 * live at AWS.
 */
@WithJenkins
class AwsRoleBlockLifecycleJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private JenkinsRule r;
    private FakeAws aws;
    private CliPipelines account;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        aws = FakeAws.start();
        account = CliPipelines.trusting(aws, r.getURL());
        AwsRoleMapping deploy = account.mapping("deploy");
        deploy.setRevocation(true);
        map(deploy);
        account.revoking(deploy.getRoleArn());
    }

    @AfterEach
    void tearDown() {
        CliPipelines.stopRevoking();
        if (aws != null) {
            aws.faults().clear();
            aws.close();
        }
    }

    /**
     * Stopped while STS works on the block's session: the step fails at once, and the session STS then issues, which
     * no step will ever use, is revoked. (Before: the stop interrupted the call, the plugin never learned of the
     * session AWS issued, and nothing revoked it.)
     */
    @Test
    void aBuildStoppedWhileItsBlockWaitsForStsLeavesNoLiveSession() throws Exception {
        WorkflowJob p = pipeline("""
                withAwsRole(stage: 'deploy') {
                  echo 'the body must not run'
                }
                """);
        Faults.Gate sts = aws.faults().hold("AssumeRoleWithWebIdentity");

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        assertThat(sts.awaitArrival(PATIENCE)).as("the block asked STS").isTrue();
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        sts.release();

        IssuedSession session = awaitSessionOf("deploy");
        awaitRevoked(session);
        r.assertLogNotContains("the body must not run", b);
        // The Deny is in place; the audit event follows once the revoker has read it back.
        await(
                "a REVOKED audit event",
                () -> AwsRoleService.get().audit().forBuild(CliPipelines.JOB, 1).stream()
                        .anyMatch(e -> e.kind() == AuditEvent.Kind.REVOKED
                                && e.sessionName().equals(session.sessionName())));
    }

    /**
     * Stopped while the block's end revokes the session: the revocation is not cut short, and the step fails with
     * the stop only after it. (Before: the stop interrupted the end halfway, and the session stayed live.)
     */
    @Test
    void aBuildStoppedWhileItsBlockRevokesTheSessionStillRevokesIt() throws Exception {
        WorkflowJob p = pipeline("""
                withAwsRole(stage: 'deploy') {
                  echo 'inside the block'
                }
                echo 'after the block'
                """);
        Faults.Gate iam = aws.faults().hold("GetRolePolicy");

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        assertThat(iam.awaitArrival(PATIENCE))
                .as("the end reads the revocation policy")
                .isTrue();
        b.doStop();
        // The stop reaches the step through the CPS VM thread; let it land while IAM is still held.
        Thread.sleep(2000);
        iam.release();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        IssuedSession session = awaitSessionOf("deploy");
        awaitRevoked(session);
        r.assertLogContains("inside the block", b);
        r.assertLogNotContains("after the block", b);
        r.assertLogContains("Revoked AWS session " + session.assumedRoleId(), b);
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(CliPipelines.definition(script));
        return p;
    }

    /** The block's session, once the local STS has issued it (the revoker's own session is of another role). */
    private IssuedSession awaitSessionOf(String role) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<IssuedSession> issued = aws.sessions().stream()
                    .filter(s -> s.role().name().equals(role))
                    .toList();
            if (!issued.isEmpty()) {
                assertThat(issued).hasSize(1);
                return issued.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("STS never issued a session of role " + role);
    }

    private void awaitRevoked(IssuedSession session) throws InterruptedException {
        await("session " + session.sessionName() + " revoked at AWS", () -> account.isRevoked(session));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + what + " within " + PATIENCE);
    }
}
