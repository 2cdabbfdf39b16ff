package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.session.ControllerSessions;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.replay.ReplayAction;
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
 * {@code awsRoleProbe} and {@code awsRoleDriftCheck} in real builds against the local AWS server, with Jenkins itself
 * as the issuer: only jobs an administrator lists may run them, never replays; the probe never signs a token an
 * admitted build could also have; the drift check reuses its report and audits the build that caused the session;
 * and neither prints an account id or role ARN into the build log.
 */
@WithJenkins
class TrustChecksJenkinsTest {

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
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void theProbeRunsInListedJobsOnlyNeverSignsAnAdmittedSubAndPrintsNoAccount() throws Exception {
        AwsRoleMapping deploy = account.mapping("deploy", "team/app/main");
        deploy.setBranches("main");
        map(deploy);
        WorkflowJob p = pipeline("p", "awsRoleProbe(stage: 'deploy', asJob: 'other/app')");

        WorkflowRun unlisted = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("awsRoleProbe may run only in jobs an administrator allows", unlisted);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();

        AwsRoleConfiguration.get().setTrustCheckJobs("p");
        WorkflowRun passed = r.buildAndAssertSuccess(p);
        r.assertLogContains("PASS: stage 'deploy', as job 'other/app'", passed);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);

        // production's exact sub: the default sub carries no branch
        p.setDefinition(new CpsFlowDefinition(
                "awsRoleProbe(stage: 'deploy', asJob: 'team/app/main', asBranch: 'feature')", true));
        WorkflowRun twin = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("AWS cannot tell this identity from an admitted one", twin);
        assertThat(aws.calls("AssumeRoleWithWebIdentity"))
                .as("no token for an admitted sub")
                .isEqualTo(1);
        assertThat(aws.sessions()).isEmpty();

        WorkflowRun replayed = replay(passed);
        r.assertBuildStatus(Result.FAILURE, replayed);
        r.assertLogContains("awsRoleProbe does not run in replayed builds", replayed);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);

        for (WorkflowRun b : new WorkflowRun[] {unlisted, passed, twin, replayed}) {
            assertThat(JenkinsRule.getLog(b))
                    .as("the log of %s", b)
                    .doesNotContain(FakeAws.ACCOUNT)
                    .doesNotContain("arn:aws");
        }
    }

    @Test
    void theDriftCheckRunsInListedJobsOnlyReusesItsReportAndAuditsTheCaller() throws Exception {
        map(account.mapping("deploy"));
        aws.createRole(
                "drift-reader",
                FakeAws.trustPolicy(
                        account.providerArn(), "sts.amazonaws.com", ControllerSessions.subject(DriftReader.PURPOSE)),
                3600);
        aws.putRolePolicy("drift-reader", "read", READ_ONLY);
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        config.setDriftReaderRoleArn("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/drift-reader");
        config.setIamEndpoint(aws.endpoint().toString());
        config.setTrustCheckJobs("ops/*");

        WorkflowRun unlisted = r.buildAndAssertStatus(Result.FAILURE, pipeline("p", "awsRoleDriftCheck()"));
        r.assertLogContains("awsRoleDriftCheck may run only in jobs an administrator allows", unlisted);
        assertThat(aws.sessions()).isEmpty();

        WorkflowJob listed = r.createFolder("ops").createProject(WorkflowJob.class, "trust");
        listed.setDefinition(new CpsFlowDefinition("awsRoleDriftCheck()", true));
        WorkflowRun first = r.waitForCompletion(listed.scheduleBuild2(0).get());
        WorkflowRun second = r.waitForCompletion(listed.scheduleBuild2(0).get());

        assertThat(aws.sessions())
                .as("one reader session for both builds")
                .singleElement()
                .satisfies(s -> assertThat(s.subject()).isEqualTo("jenkins:controller:drift-reader"));
        assertThat(JenkinsRule.getLog(first)).containsPattern("No drift: AWS matches|Drift: \\d+ difference");
        r.assertLogContains("The report of ", second);
        assertThat(AwsRoleService.get().audit().forBuild("ops/trust", 1))
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.TOKEN_ISSUED, AuditEvent.Kind.SESSION_OBTAINED);
        assertThat(AwsRoleService.get().audit().forBuild("ops/trust", 1))
                .allSatisfy(e -> assertThat(e.message()).contains("awsRoleDriftCheck in ops/trust #1"));
        for (WorkflowRun b : new WorkflowRun[] {unlisted, first, second}) {
            assertThat(JenkinsRule.getLog(b))
                    .as("the log of %s", b)
                    .doesNotContain(FakeAws.ACCOUNT)
                    .doesNotContain("arn:aws");
        }
    }

    private static final String READ_ONLY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Action\": [\"iam:GetRole\", \"iam:GetRolePolicy\", \"iam:ListRolePolicies\","
            + " \"iam:GetOpenIDConnectProvider\"], \"Resource\": \"*\"}]}";

    private WorkflowJob pipeline(String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** Replays {@code original} as the Replay page does. */
    private static WorkflowRun replay(WorkflowRun original) throws Exception {
        ReplayAction replay = original.getAction(ReplayAction.class);
        assertThat(replay).isNotNull();
        return (WorkflowRun)
                replay.run(replay.getOriginalScript(), Map.of(), false).get();
    }
}
