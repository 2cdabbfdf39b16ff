package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Shell;
import io.jenkins.plugins.awsrole.awscredentials.AwsRoleCredentials;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAccount;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.revoke.RevocationPolicy;
import io.jenkins.plugins.awsrole.engine.revoke.RevokerPolicies;
import io.jenkins.plugins.awsrole.engine.session.RefreshSchedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
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
 * Role chaining through real Pipelines, the real AWS CLI and two accounts of the local AWS server: the first
 * account trusts this Jenkins and holds the mapping's role; the second holds the chained role, which trusts only that
 * role. The block runs as the second account's role; no secret of either session reaches the log or the build's
 * files; both sessions are revoked, each in its own account; a chained role that does not trust the first refuses
 * with the statement to add.
 */
@WithJenkins
class RoleChainingJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private FakeAws aws;
    private CliPipelines account;
    private FakeAccount other;
    private AwsRoleMapping deploy;
    private FakeRole hub;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        world(FakeAws.start());
    }

    private void world(FakeAws started) throws IOException {
        aws = started;
        account = CliPipelines.trusting(aws, r.getURL());
        other = aws.account(FakeAws.SECOND_ACCOUNT);
        deploy = account.mapping("deploy");
        hub = aws.role("deploy");
    }

    @AfterEach
    void tearDown() {
        CliPipelines.stopRevoking();
        if (aws != null) {
            aws.close();
        }
    }

    /** The second account's role, trusting the hub role, which may assume it. */
    private FakeRole trustedTarget() {
        FakeRole target = other.createRole("app-deployer", FakeAws.chainTrustPolicy(hub.arn()));
        aws.putRolePolicy(hub.name(), "chain", FakeAws.allowOn(target.arn(), "sts:AssumeRole"));
        return target;
    }

    /**
     * Revocation as docs/revocation.md sets it up for two accounts: the revoker role of the first account, and its
     * namesake in the second, which trusts it and may write the chained role's policies.
     */
    private void revokingBoth(FakeRole target) {
        FakeRole revoker = account.revoking(hub.arn());
        FakeRole there = other.createRole("jenkins-revoker", FakeAws.chainTrustPolicy(revoker.arn()));
        other.putRolePolicy(there.name(), "revoke", RevokerPolicies.permissionsPolicy(List.of(target.arn())));
        aws.putRolePolicy(revoker.name(), "chain", FakeAws.allowOn(there.arn(), "sts:AssumeRole"));
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(CliPipelines.definition(script));
        return p;
    }

    private List<IssuedSession> sessionsOf(FakeRole role) {
        return aws.sessions().stream()
                .filter(s -> s.role().arn().equals(role.arn()))
                .toList();
    }

    @Test
    void theBlockRunsTheCliAsTheSecondAccountsRoleAndBothSessionsAreRevoked() throws Exception {
        FakeRole target = trustedTarget();
        revokingBoth(target);
        deploy.setChainedRoleArn(target.arn());
        deploy.setRevocation(true);
        map(deploy);
        WorkflowJob p = pipeline("node {\n  withAwsRole(stage: 'deploy') {\n    sh '''"
                + account.callerIdentity("inside") + "\n      env | grep ^AWS_ || true\n    '''\n  }\n}\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String log = JenkinsRule.getLog(b);
        IssuedSession first = sessionsOf(hub).get(0);
        IssuedSession chained = sessionsOf(target).get(0);
        assertThat(sessionsOf(hub)).hasSize(1);
        assertThat(sessionsOf(target)).hasSize(1);
        assertThat(chained.chainedFrom().accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(chained.sessionName()).isEqualTo(first.sessionName());
        assertThat(CliPipelines.callers(log))
                .containsExactly("inside=arn:aws:sts::" + FakeAws.SECOND_ACCOUNT + ":assumed-role/app-deployer/"
                        + chained.sessionName());
        account.assertNoSecretIn("the build log", log);
        account.assertNoSecretIn("the build's files", filesOf(b));
        assertThat(account.isRevoked(chained))
                .as("the chained session is denied")
                .isTrue();
        assertThat(account.isRevoked(first))
                .as("the web identity session is denied")
                .isTrue();
        assertThat(other.role("app-deployer").inlinePolicies()).containsKey(RevocationPolicy.POLICY_NAME);
        assertThat(AwsRoleService.get().audit().forBuild(CliPipelines.JOB, 1))
                .extracting(AuditEvent::kind, AuditEvent::roleArn)
                .contains(
                        Tuple.tuple(AuditEvent.Kind.SESSION_OBTAINED, hub.arn()),
                        Tuple.tuple(AuditEvent.Kind.SESSION_OBTAINED, target.arn()),
                        Tuple.tuple(AuditEvent.Kind.REVOKED, hub.arn()),
                        Tuple.tuple(AuditEvent.Kind.REVOKED, target.arn()));
        assertThat(AwsRoleService.get().audit().forBuild(CliPipelines.JOB, 1))
                .filteredOn(e -> e.kind() == AuditEvent.Kind.SESSION_OBTAINED)
                .extracting(AuditEvent::message)
                .containsExactly(
                        "web identity session, which assumed the chained role " + target.arn(),
                        "chained session, assumed by the session of " + hub.arn());
    }

    /**
     * A refresh redoes both steps: AWS's clock is set back so that the sessions end 5 minutes and 10 seconds from now
     * by the controller's clock (as in AwsRoleStepJenkinsTest), so the renewal is due 10 seconds into the block. The
     * steps after it run as the new chained session; all four sessions are revoked at the end.
     */
    @Test
    void aRefreshRedoesBothStepsAndTheEndRevokesAllFourSessions() throws Exception {
        aws.close();
        world(FakeAws.start(new FakeClock(Instant.now()
                .truncatedTo(ChronoUnit.SECONDS)
                .minus(Duration.ofHours(1))
                .plus(RefreshSchedule.DEFAULT_THRESHOLD)
                .plusSeconds(10))));
        FakeRole target = trustedTarget();
        revokingBoth(target);
        deploy.setChainedRoleArn(target.arn());
        deploy.setRevocation(true);
        map(deploy);
        WorkflowJob p = pipeline("node {\n  withAwsRole(stage: 'deploy') {\n    sh '" + account.callerIdentity("before")
                + "'\n    sleep(time: 30, unit: 'SECONDS')\n    sh '" + account.callerIdentity("after")
                + "'\n  }\n}\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        List<IssuedSession> firsts = sessionsOf(hub);
        List<IssuedSession> chained = sessionsOf(target);
        assertThat(firsts).hasSize(2);
        assertThat(chained).hasSize(2);
        assertThat(chained.get(1).chainedFrom().accessKeyId())
                .isEqualTo(firsts.get(1).accessKeyId());
        assertThat(CliPipelines.callers(JenkinsRule.getLog(b)))
                .containsExactly(
                        "before=" + chained.get(0).assumedRoleArn(),
                        "after=" + chained.get(1).assumedRoleArn());
        r.assertLogContains("refreshed before it ran out", b);
        for (IssuedSession session : aws.sessions()) {
            if (session.role().arn().equals(hub.arn()) || session.role().arn().equals(target.arn())) {
                assertThat(account.isRevoked(session))
                        .as(
                                "session %s of %s",
                                session.sessionName(), session.role().arn())
                        .isTrue();
            }
        }
        assertThat(AwsRoleService.get().audit().forBuild(CliPipelines.JOB, 1))
                .filteredOn(e -> e.kind() == AuditEvent.Kind.REFRESHED)
                .extracting(AuditEvent::roleArn)
                .containsExactly(hub.arn(), target.arn());
        account.assertNoSecretIn("the build log", JenkinsRule.getLog(b));
        account.assertNoSecretIn("the build's files", filesOf(b));
    }

    /** The freestyle wrapper takes the same path: the build steps run as the chained role; both sessions are revoked. */
    @Test
    void aFreestyleBuildRunsAsTheChainedRoleAndBothSessionsAreRevoked() throws Exception {
        FakeRole target = trustedTarget();
        revokingBoth(target);
        deploy.setChainedRoleArn(target.arn());
        deploy.setRevocation(true);
        map(deploy);
        FreeStyleProject project = r.createFreeStyleProject(CliPipelines.JOB);
        project.getBuildWrappersList().add(new AwsRoleBuildWrapper("deploy"));
        project.getBuildersList()
                .add(new Shell("export AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent"
                        + " AWS_EC2_METADATA_DISABLED=true AWS_PAGER=\n" + account.callerIdentity("inside")));

        FreeStyleBuild b = r.buildAndAssertSuccess(project);

        String log = JenkinsRule.getLog(b);
        IssuedSession first = sessionsOf(hub).get(0);
        IssuedSession chained = sessionsOf(target).get(0);
        assertThat(CliPipelines.callers(log)).containsExactly("inside=" + chained.assumedRoleArn());
        assertThat(chained.assumedRoleArn()).startsWith("arn:aws:sts::" + FakeAws.SECOND_ACCOUNT + ":");
        assertThat(account.isRevoked(chained)).isTrue();
        assertThat(account.isRevoked(first)).isTrue();
        account.assertNoSecretIn("the build log", log);
    }

    /** The credential type takes the same path too: it binds the chained role, and the build's end revokes both. */
    @Test
    void theCredentialTypeBindsTheChainedRoleAndTheBuildsEndRevokesBoth() throws Exception {
        FakeRole target = trustedTarget();
        revokingBoth(target);
        deploy.setChainedRoleArn(target.arn());
        deploy.setRevocation(true);
        map(deploy);
        SystemCredentialsProvider.getInstance()
                .getDomainCredentialsMap()
                .get(Domain.global())
                .add(new AwsRoleCredentials(CredentialsScope.GLOBAL, "deploy", null, "deploy"));
        SystemCredentialsProvider.getInstance().save();
        // The binding sets no region, unlike withAwsRole.
        WorkflowJob p = pipeline("node {\n  withCredentials([aws(credentialsId: 'deploy')]) {\n"
                + "    withEnv(['AWS_DEFAULT_REGION=eu-west-1']) {\n      sh '" + account.callerIdentity("caller")
                + "'\n    }\n  }\n}\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        IssuedSession first = sessionsOf(hub).get(0);
        IssuedSession chained = sessionsOf(target).get(0);
        assertThat(CliPipelines.callers(JenkinsRule.getLog(b))).containsExactly("caller=" + chained.assumedRoleArn());
        assertThat(account.isRevoked(chained)).isTrue();
        assertThat(account.isRevoked(first)).isTrue();
        account.assertNoSecretIn("the build log", JenkinsRule.getLog(b));
        account.assertNoSecretIn("the build's files", filesOf(b));
    }

    @Test
    void aChainedRoleThatDoesNotTrustTheFirstRefusesWithTheStatementToAdd() throws Exception {
        FakeRole target = other.createRole(
                "app-deployer", FakeAws.chainTrustPolicy("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/someone-else"));
        aws.putRolePolicy(hub.name(), "chain", FakeAws.allowOn(target.arn(), "sts:AssumeRole"));
        deploy.setChainedRoleArn(target.arn());
        map(deploy);
        WorkflowJob p = pipeline("withAwsRole(stage: 'deploy') {\n  echo 'never here'\n}\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        String log = JenkinsRule.getLog(b);
        assertThat(log)
                .doesNotContain("never here")
                .contains("AssumeRole of the chained role " + target.arn())
                .contains("Add this statement to the trust policy of " + target.arn())
                .contains("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"" + hub.arn()
                        + "\"}, \"Action\": [\"sts:AssumeRole\"]}")
                .doesNotContain("\tat ");
        assertThat(sessionsOf(target)).isEmpty();
        account.assertNoSecretIn("the build log", log);
        assertThat(AwsRoleService.get().audit().forBuild(CliPipelines.JOB, 1))
                .extracting(AuditEvent::kind, AuditEvent::rule)
                .contains(Tuple.tuple(AuditEvent.Kind.REFUSED, "sts"));
    }

    private static String filesOf(WorkflowRun b) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(b.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .append('\n');
            }
        }
        return all.toString();
    }
}
