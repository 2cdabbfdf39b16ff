package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAccount;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.revoke.RevokerPolicies;
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
 * A block of a chained mapping running when the controller restarts: the resumed block redoes both steps (a new web
 * identity session, and a new chained session of the second account), the steps after the restart run as the new
 * chained session, nothing of either session is on disk in clear, and the end revokes all four sessions, those the
 * restart replaced too. The local AWS server runs across both Jenkins sessions (see AwsRoleStepRestartJenkinsTest).
 */
class RoleChainingRestartJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private static final String BLOCK = """
            withAwsRole(stage: 'deploy') {
              node { sh '%s' }
              semaphore 'wait'
              node { sh '%s' }
            }
            """;

    private FakeAws aws;
    private CliPipelines account;
    private FakeRole hub;
    private FakeRole target;

    @BeforeEach
    void startAws() throws IOException {
        aws = FakeAws.start();
        System.setProperty(AwsRoleService.RESUME_SPREAD_PROPERTY, "1");
    }

    @AfterEach
    void stopAws() {
        System.clearProperty(AwsRoleService.RESUME_SPREAD_PROPERTY);
        CliPipelines.stopRevoking();
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void aRestartRedoesBothStepsAndTheEndRevokesEverySession() throws Throwable {
        sessions.then(r -> {
            account = CliPipelines.trusting(aws, r.getURL());
            AwsRoleMapping deploy = account.mapping("deploy");
            hub = aws.role("deploy");
            FakeAccount other = aws.account(FakeAws.SECOND_ACCOUNT);
            target = other.createRole("app-deployer", FakeAws.chainTrustPolicy(hub.arn()));
            aws.putRolePolicy(hub.name(), "chain", FakeAws.allowOn(target.arn(), "sts:AssumeRole"));
            FakeRole revoker = account.revoking(hub.arn());
            FakeRole there = other.createRole("jenkins-revoker", FakeAws.chainTrustPolicy(revoker.arn()));
            other.putRolePolicy(there.name(), "revoke", RevokerPolicies.permissionsPolicy(List.of(target.arn())));
            aws.putRolePolicy(revoker.name(), "chain", FakeAws.allowOn(there.arn(), "sts:AssumeRole"));
            deploy.setChainedRoleArn(target.arn());
            deploy.setRevocation(true);
            map(deploy);
            WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
            p.setDefinition(CliPipelines.definition(
                    BLOCK.formatted(account.callerIdentity("before"), account.callerIdentity("after"))));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("wait/1", b);
            r.assertLogContains("before=" + sessionsOf(target).get(0).assumedRoleArn(), b);
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins
                    .getItemByFullName(CliPipelines.JOB, WorkflowJob.class)
                    .getBuildByNumber(1);
            r.waitForMessage("Jenkins restarted inside the block: AWS role for stage 'deploy' renewed: ", b);
            assertThat(sessionsOf(hub)).as("a new web identity session").hasSize(2);
            assertThat(sessionsOf(target)).as("a new chained session").hasSize(2);
            assertNoSecretOnDisk(b, "program.dat");

            SemaphoreStep.success("wait/1", null);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));

            List<IssuedSession> chained = sessionsOf(target);
            assertThat(chained.get(1).chainedFrom().accessKeyId())
                    .isEqualTo(sessionsOf(hub).get(1).accessKeyId());
            assertThat(CliPipelines.callers(JenkinsRule.getLog(b)))
                    .containsExactly(
                            "before=" + chained.get(0).assumedRoleArn(),
                            "after=" + chained.get(1).assumedRoleArn());
            for (IssuedSession session : aws.sessions()) {
                if (session.role().arn().equals(hub.arn())
                        || session.role().arn().equals(target.arn())) {
                    assertThat(account.isRevoked(session))
                            .as(
                                    "session %s of %s",
                                    session.sessionName(), session.role().arn())
                            .isTrue();
                }
            }
            account.assertNoSecretIn("the build log", JenkinsRule.getLog(b));
            assertNoSecretOnDisk(b, "build.xml");
        });
    }

    private List<IssuedSession> sessionsOf(FakeRole role) {
        return aws.sessions().stream()
                .filter(s -> s.role().arn().equals(role.arn()))
                .toList();
    }

    private void assertNoSecretOnDisk(WorkflowRun b, String expected) throws IOException {
        Path dir = b.getRootDir().toPath();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).contains(dir.resolve(expected));
        for (Path file : files) {
            account.assertNoSecretIn(
                    dir.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
    }
}
