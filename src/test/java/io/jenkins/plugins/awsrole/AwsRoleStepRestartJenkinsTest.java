package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A {@code withAwsRole} block that is running when the controller restarts: Pipeline resumes it in the next session,
 * and the block must carry on with a fresh session (the first one's credentials never on disk in clear), or stop with
 * the reason when its mapping no longer lets the build have the role.
 *
 * <p>The local AWS-compatible server runs for the whole test, across both Jenkins sessions. It trusts the issuer at
 * the first session's URL, which stays valid: the session extension keeps {@code JENKINS_HOME} (so the issuer's
 * signing key and the configuration pointing at the server) and the HTTP port across restarts; the second session
 * checks the URL before relying on it.
 */
class AwsRoleStepRestartJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    /** One sh before the restart and one after, each printing the ARN the CLI calls AWS as; the semaphore is where. */
    private static final String BLOCK = """
            withAwsRole(stage: 'deploy') {
              node { sh '%s' }
              semaphore 'wait'
              node { sh '%s' }
            }
            """;

    private FakeAws aws;

    /** Set up in the first session, used in the second. */
    private CliPipelines account;

    private String jenkinsUrl;

    @BeforeEach
    void startAws() throws IOException {
        aws = FakeAws.start();
        // Resumed blocks renew at a random moment of the next two minutes; a second here, so the test need not wait.
        System.setProperty(AwsRoleService.RESUME_SPREAD_PROPERTY, "1");
    }

    @AfterEach
    void stopAws() {
        System.clearProperty(AwsRoleService.RESUME_SPREAD_PROPERTY);
        if (aws != null) { // null when the fake server did not start
            aws.close();
        }
    }

    @Test
    void aRestartInsideTheBlockRenewsTheSessionAndNothingIsOnDiskInClear() throws Throwable {
        sessions.then(r -> {
            startBlockAndWaitInside(r);
            assertThat(aws.sessions()).as("the block's first session").hasSize(1);
        });
        sessions.then(r -> {
            assertSameIssuerUrl(r);
            WorkflowRun b = build(r);
            IssuedSession first = aws.sessions().get(0);
            // Released only once the block has its new session, so that the second sh runs with it.
            r.waitForMessage("Jenkins restarted inside the block: AWS role for stage 'deploy' renewed: ", b);
            assertThat(aws.sessions())
                    .as("the first session and the renewed one")
                    .hasSize(2);
            IssuedSession renewed = aws.sessions().get(1);
            assertNoSecretOnDisk(b, "while the block waits", "program.dat");

            SemaphoreStep.success("wait/1", null);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));

            r.assertLogContains(
                    Messages.AwsRoleStep_Renewed(
                            "deploy",
                            renewed.assumedRoleArn(),
                            renewed.sessionName(),
                            AwsEnvironment.formatExpiration(renewed.expiration())),
                    b);
            assertThat(renewed.sessionName()).isNotEqualTo(first.sessionName());
            assertThat(CliPipelines.callers(JenkinsRule.getLog(b)))
                    .as("the CLI called AWS as the first session before the restart, as the renewed one after")
                    .containsExactly("before=" + first.assumedRoleArn(), "after=" + renewed.assumedRoleArn());
            r.assertLogContains(
                    "AWS credentials for stage 'deploy' (session " + renewed.sessionName() + ") removed", b);
            account.assertNoSecretIn("the build log", JenkinsRule.getLog(b));
            assertNoSecretOnDisk(b, "after the build", "build.xml");
        });
    }

    @Test
    void aBlockWhoseMappingIsGoneAfterTheRestartStopsWithTheReason() throws Throwable {
        sessions.then(r -> {
            startBlockAndWaitInside(r);
            // Before the restart, because Pipeline resumes the block while the next session starts: the removal is
            // on disk when the block asks for its new session.
            map();
        });
        sessions.then(r -> {
            assertSameIssuerUrl(r);
            WorkflowRun b = build(r);
            // The block stops the body itself: the semaphore is never released.
            r.waitForMessage(Messages.AwsRoleStep_ResumeRefused("deploy"), b);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));

            r.assertLogContains(Messages.AwsRoleStep_ResumeRefused("deploy"), b);
            r.assertLogContains("No AWS credentials for stage 'deploy': ", b);
            r.assertLogContains("There is no stage 'deploy'", b);
            assertThat(aws.calls("AssumeRoleWithWebIdentity"))
                    .as("refused by the plugin; AWS is not asked again")
                    .isEqualTo(1);
            String log = JenkinsRule.getLog(b);
            assertThat(CliPipelines.callers(log))
                    .as("the steps after the restart never run")
                    .containsExactly("before=" + aws.sessions().get(0).assumedRoleArn());
            assertThat(log)
                    .as("a refusal is a message, not a stack trace")
                    .doesNotContain("\tat ")
                    .doesNotContain("AbortException");
            account.assertNoSecretIn("the build log", log);
        });
    }

    /**
     * Session 1: AWS trusts this Jenkins, stage {@code deploy} is mapped, and build 1 runs the block up to its
     * semaphore, after its first {@code sh} has called AWS.
     */
    private void startBlockAndWaitInside(JenkinsRule r) throws Exception {
        jenkinsUrl = r.getURL().toString();
        account = CliPipelines.trusting(aws, r.getURL());
        map(account.mapping("deploy"));
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(CliPipelines.definition(
                BLOCK.formatted(account.callerIdentity("before"), account.callerIdentity("after"))));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("wait/1", b);
        r.assertLogContains("before=" + aws.sessions().get(0).assumedRoleArn(), b);
    }

    /** Build 1, as the next session loaded it. */
    private static WorkflowRun build(JenkinsRule r) {
        WorkflowJob p = r.jenkins.getItemByFullName(CliPipelines.JOB, WorkflowJob.class);
        assertThat(p).isNotNull();
        WorkflowRun b = p.getBuildByNumber(1);
        assertThat(b).isNotNull();
        return b;
    }

    /** The fake AWS trusts the issuer at the first session's URL; a new port would make every token foreign to it. */
    private void assertSameIssuerUrl(JenkinsRule r) throws IOException {
        assertThat(r.getURL().toString())
                .as("the Jenkins URL, and so the issuer URL, after the restart")
                .isEqualTo(jenkinsUrl);
    }

    /**
     * Every file Jenkins and Pipeline keep of build 1 (program.dat while it runs, build.xml, the flow nodes, the log)
     * holds no credential of any session in clear.
     *
     * @param expected a file that must be among them at this point, so that the check cannot pass on an empty folder
     */
    private void assertNoSecretOnDisk(WorkflowRun b, String when, String expected) throws IOException {
        Path dir = b.getRootDir().toPath();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("the files of build 1 " + when).contains(dir.resolve(expected));
        for (Path file : files) {
            account.assertNoSecretIn(
                    dir.relativize(file) + " " + when,
                    new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
    }
}
