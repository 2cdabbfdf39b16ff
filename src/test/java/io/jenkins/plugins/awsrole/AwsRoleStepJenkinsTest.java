package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.session.RefreshSchedule;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import jenkins.model.JenkinsLocationConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
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
 * {@code withAwsRole} in real Pipelines against the local AWS-compatible server. Jenkins itself is the OIDC issuer:
 * the fake fetches the discovery document and the keys from {@code <Jenkins URL>aws-oidc-role} over HTTP, as AWS
 * would, verifies each token and evaluates the role's trust policy. {@code sh} runs the real AWS CLI with the block's
 * variables ({@link CliPipelines}).
 */
@WithJenkins
class AwsRoleStepJenkinsTest {

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
    void theBlockRunsTheCliAsTheMappedRoleAndTheLogShowsNoSecret() throws Exception {
        map(mapping("deploy"));
        WorkflowJob p = pipeline("""
                withAwsRole(stage: 'deploy') {
                  node {
                    sh '%s'
                    sh 'echo "key=$AWS_ACCESS_KEY_ID secret=$AWS_SECRET_ACCESS_KEY token=$AWS_SESSION_TOKEN"'
                    sh 'echo "expires=$AWS_CREDENTIAL_EXPIRATION region=$AWS_REGION"'
                  }
                }
                node {
                  sh 'echo "outside=${AWS_ACCESS_KEY_ID:-none}/${AWS_SECRET_ACCESS_KEY:-none}/${AWS_SESSION_TOKEN:-none}"'
                }
                """.formatted(callerIdentity("caller")));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(aws.sessions()).hasSize(1);
        IssuedSession session = aws.sessions().get(0);
        assertThat(session.subject()).isEqualTo("job:p:stage:deploy");
        assertThat(callers(b)).containsExactly("caller=" + session.assumedRoleArn());
        assertThat(session.assumedRoleArn()).startsWith("arn:aws:sts::123456789012:assumed-role/deploy/p@1-");
        r.assertLogContains("AWS role for stage 'deploy': " + session.assumedRoleArn(), b);
        r.assertLogContains("key=**** secret=**** token=****", b);
        r.assertLogContains("region=eu-west-1", b);
        r.assertLogContains("outside=none/none/none", b);
        r.assertLogContains("AWS credentials for stage 'deploy' (session " + session.sessionName() + ") removed", b);
        assertNoSecretOfAnySessionIn(b);
    }

    @Test
    void nestedBlocksTheInnerWinsAndTheOuterComesBack() throws Exception {
        map(mapping("deploy"), mapping("build"));
        WorkflowJob p =
                pipeline("""
                node {
                  withAwsRole(stage: 'deploy') {
                    sh '%s'
                    withAwsRole(stage: 'build') {
                      sh '%s'
                    }
                    sh '%s'
                  }
                }
                """.formatted(callerIdentity("before"), callerIdentity("inner"), callerIdentity("after")));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(aws.sessions()).hasSize(2);
        String deploy = arnOf("deploy");
        String build = arnOf("build");
        assertThat(callers(b)).containsExactly("before=" + deploy, "inner=" + build, "after=" + deploy);
        assertNoSecretOfAnySessionIn(b);
    }

    @Test
    void parallelBranchesGetTheirOwnSessions() throws Exception {
        map(mapping("deploy"));
        WorkflowJob p = pipeline("""
                parallel one: {
                  withAwsRole(stage: 'deploy') {
                    node { sh '%s' }
                  }
                }, two: {
                  withAwsRole(stage: 'deploy') {
                    node { sh '%s' }
                  }
                }
                """.formatted(callerIdentity("one"), callerIdentity("two")));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        List<IssuedSession> sessions = aws.sessions();
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).accessKeyId()).isNotEqualTo(sessions.get(1).accessKeyId());
        assertThat(sessions.get(0).sessionName()).isNotEqualTo(sessions.get(1).sessionName());
        List<String> callers = callers(b);
        assertThat(callers).hasSize(2);
        assertThat(callers.stream().map(c -> c.substring(c.indexOf('=') + 1)))
                .containsExactlyInAnyOrder(
                        sessions.get(0).assumedRoleArn(), sessions.get(1).assumedRoleArn());
        assertNoSecretOfAnySessionIn(b);
    }

    @Test
    void anUnknownStageFailsTheBuildWithTheReasonAndNeverReachesAws() throws Exception {
        map(mapping("deploy"));
        WorkflowJob p = pipeline("""
                withAwsRole(stage: 'prod') {
                  echo 'the body must not run'
                }
                """);

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("No AWS credentials for stage 'prod'", b);
        r.assertLogContains("There is no stage 'prod'", b);
        r.assertLogNotContains("the body must not run", b);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void aBlockMayNarrowRegionAndDuration() throws Exception {
        map(mapping("deploy"));
        WorkflowJob p = pipeline("""
                withAwsRole(stage: 'deploy', region: 'ap-south-1', duration: 900) {
                  node {
                    sh 'echo "region=$AWS_REGION/$AWS_DEFAULT_REGION"'
                    sh '%s'
                  }
                }
                """.formatted(callerIdentity("caller")));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("region=ap-south-1/ap-south-1", b);
        IssuedSession session = aws.sessions().get(0);
        assertThat(Duration.between(session.issuedAt(), session.expiration())).isEqualTo(Duration.ofSeconds(900));
        assertThat(callers(b)).containsExactly("caller=" + session.assumedRoleArn());
    }

    @Test
    void aBlockMayNotLeaveTheRegionOfItsMapping() throws Exception {
        AwsRoleMapping pinned = mapping("deploy");
        pinned.setRegion("eu-central-1");
        map(pinned);
        WorkflowJob p = pipeline("""
                withAwsRole(stage: 'deploy', region: 'us-east-1') {
                  echo 'the body must not run'
                }
                """);

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("No AWS credentials for stage 'deploy'", b);
        r.assertLogContains("us-east-1", b);
        r.assertLogContains("eu-central-1", b);
        r.assertLogNotContains("the body must not run", b);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void aBlockRegionThatIsNoRegionOfTheRolesPartitionIsRefused() throws Exception {
        map(mapping("deploy"));
        WorkflowJob p = pipeline("""
                withAwsRole(stage: 'deploy', region: 'x' + currentBuild.number + '-region!') {
                  echo 'the body must not run'
                }
                """);

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("No AWS credentials for stage 'deploy'", b);
        r.assertLogContains("'x1-region!' is not a region name", b);
        r.assertLogNotContains("the body must not run", b);
        r.assertLogNotContains("\tat ", b);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();

        p.setDefinition(new CpsFlowDefinition("""
                withAwsRole(stage: 'deploy', region: 'cn-north-1') {
                  echo 'the body must not run'
                }
                """, true));
        WorkflowRun other = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("partition 'aws-cn'", other);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void withoutAJenkinsUrlTheBlockIsRefusedSayingWhatToSetNotWithAStackTrace() throws Exception {
        map(mapping("deploy"));
        JenkinsLocationConfiguration.get().setUrl(null);
        WorkflowJob p = pipeline("withAwsRole(stage: 'deploy') { echo 'the body must not run' }\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("No AWS credentials for stage 'deploy'", b);
        r.assertLogContains("Jenkins URL", b);
        r.assertLogNotContains("the body must not run", b);
        r.assertLogNotContains("\tat ", b);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    /**
     * A block whose session runs short gets a fresh one on the timer, and the steps started after it use it. AWS's
     * clock is set back so that its hour-long session ends 5 minutes and 10 seconds from now by the controller's
     * clock: with the default threshold of 5 minutes the renewal is due 10 seconds into the block (the fake checks
     * tokens and sessions by its own clock, and signatures for any time, so nothing else notices).
     */
    @Test
    void aSessionThatRunsShortIsRefreshedForTheStepsStillToCome() throws Exception {
        aws.close();
        aws = FakeAws.start(new FakeClock(Instant.now()
                .truncatedTo(ChronoUnit.SECONDS)
                .minus(Duration.ofHours(1))
                .plus(RefreshSchedule.DEFAULT_THRESHOLD)
                .plusSeconds(10)));
        account = CliPipelines.trusting(aws, r.getURL());
        map(mapping("deploy"));
        WorkflowJob p = pipeline("""
                withAwsRole(stage: 'deploy') {
                  node {
                    sh '%s'
                    sleep(time: 30, unit: 'SECONDS')
                    sh '%s'
                    sh 'echo "secret=$AWS_SECRET_ACCESS_KEY"'
                  }
                }
                """.formatted(callerIdentity("before"), callerIdentity("after")));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        List<IssuedSession> sessions = aws.sessions();
        assertThat(sessions).hasSize(2);
        // The block (flow node 5) and its first refresh: each name ends with the id of its exact identity.
        assertThat(sessions.get(0).sessionName()).isEqualTo(SessionNames.forBlock("p", 1, "5"));
        assertThat(sessions.get(1).sessionName()).isEqualTo(SessionNames.forBlock("p", 1, "5f1"));
        assertThat(callers(b))
                .containsExactly(
                        "before=" + sessions.get(0).assumedRoleArn(),
                        "after=" + sessions.get(1).assumedRoleArn());
        r.assertLogContains("AWS session of stage 'deploy' refreshed before it ran out: ", b);
        r.assertLogContains("secret=****", b);
        r.assertLogContains("(session " + sessions.get(1).sessionName() + ") removed", b);
        assertThat(AwsRoleService.get().audit().forBuild("p", 1))
                .extracting(AuditEvent::kind)
                .contains(AuditEvent.Kind.SESSION_OBTAINED, AuditEvent.Kind.REFRESHED);
        assertNoSecretOfAnySessionIn(b);
    }

    private AwsRoleMapping mapping(String stage) {
        return account.mapping(stage);
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(CliPipelines.definition(script));
        return p;
    }

    private String callerIdentity(String label) {
        return account.callerIdentity(label);
    }

    private static List<String> callers(WorkflowRun b) throws Exception {
        return CliPipelines.callers(JenkinsRule.getLog(b));
    }

    private String arnOf(String role) {
        return aws.sessions().stream()
                .filter(s -> s.role().name().equals(role))
                .findFirst()
                .orElseThrow()
                .assumedRoleArn();
    }

    private void assertNoSecretOfAnySessionIn(WorkflowRun b) throws Exception {
        account.assertNoSecretIn("the build log", JenkinsRule.getLog(b));
    }
}
