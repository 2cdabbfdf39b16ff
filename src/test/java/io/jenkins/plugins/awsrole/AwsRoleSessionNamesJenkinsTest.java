package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Session names in real builds with revocation on: revoking a session denies its name ({@code aws:userid} is the role
 * id and the session name), so two builds whose names read the same must not share one, or the end of one block
 * would cut off the other's credentials.
 */
@WithJenkins
class AwsRoleSessionNamesJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private FakeAws aws;
    private CliPipelines account;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        aws = FakeAws.start();
        account = CliPipelines.trusting(aws, r.getURL());
    }

    @AfterEach
    void tearDown() {
        CliPipelines.stopRevoking();
        if (aws != null) {
            aws.close();
        }
    }

    /**
     * Job {@code main} in folders {@code team/app}, and job {@code team.app.main} at the top: both read
     * {@code team.app.main} in a session name, and their first builds' blocks have the same flow node id. The dotted
     * job's block is held open while the other's block ends and is revoked; then the held block still reaches AWS.
     */
    @Test
    void revokingOneBuildsSessionLeavesTheSessionOfALookAlikeJobAlone() throws Exception {
        AwsRoleMapping deploy = account.mapping("deploy", "**");
        deploy.setRevocation(true);
        map(deploy);
        account.revoking(deploy.getRoleArn());
        MockFolder app = r.createFolder("team").createProject(MockFolder.class, "app");
        WorkflowJob inFolders = app.createProject(WorkflowJob.class, "main");
        inFolders.setDefinition(CliPipelines.definition(block("")));
        WorkflowJob dotted = r.createProject(WorkflowJob.class, "team.app.main");
        dotted.setDefinition(CliPipelines.definition(block("semaphore 'held'")));

        WorkflowRun held = dotted.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("held/1", held);
        WorkflowRun ended = r.buildAndAssertSuccess(inFolders);
        r.assertLogContains("AWS session of stage 'deploy': Revoked AWS session", ended);
        SemaphoreStep.success("held/1", null);
        WorkflowRun stillRunning = r.assertBuildStatusSuccess(r.waitForCompletion(held));

        List<IssuedSession> sessions = aws.sessions().stream()
                .filter(s -> s.assumedRoleArn().contains(":assumed-role/deploy/"))
                .toList();
        assertThat(sessions)
                .as("the blocks' sessions (the revoker has its own)")
                .hasSize(2);
        assertThat(sessions)
                .extracting(IssuedSession::sessionName)
                .allMatch(name -> name.startsWith("team.app.main@1-"))
                .doesNotHaveDuplicates();
        IssuedSession heldSession = sessions.get(0);
        assertThat(heldSession.subject()).isEqualTo("job:team.app.main:stage:deploy");
        assertThat(CliPipelines.callers(JenkinsRule.getLog(stillRunning)))
                .as("the held block's credentials still work after the other block's session was revoked")
                .containsExactly("caller=" + heldSession.assumedRoleArn());
        assertThat(CliPipelines.callers(JenkinsRule.getLog(ended)))
                .containsExactly("caller=" + sessions.get(1).assumedRoleArn());
        account.assertNoSecretIn("the held build's log", JenkinsRule.getLog(stillRunning));
    }

    /** One block whose flow node id depends only on what comes before it: {@code before} runs inside it. */
    private String block(String before) {
        return """
                withAwsRole(stage: 'deploy') {
                  %s
                  node { sh '%s' }
                }
                """.formatted(before, account.callerIdentity("caller"));
    }
}
