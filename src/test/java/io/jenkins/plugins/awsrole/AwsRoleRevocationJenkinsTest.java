package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import hudson.model.Result;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.revoke.RevocationPolicy;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue 13, item 6, through real Pipelines: revocation no longer fails open. A role whose inline policies leave no
 * room gets the role-wide cut-off instead of a failure; a revocation that does fail is listed by the administrative
 * monitor, and fails the build when the administrator asks for that.
 */
@WithJenkins
class AwsRoleRevocationJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private FakeAws aws;
    private CliPipelines account;
    private AwsRoleMapping deploy;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        aws = FakeAws.start();
        account = CliPipelines.trusting(aws, r.getURL());
        deploy = account.mapping("deploy");
        deploy.setRevocation(true);
        map(deploy);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader"));
    }

    @AfterEach
    void tearDown() {
        CliPipelines.stopRevoking();
        if (aws != null) {
            aws.close();
        }
    }

    /**
     * The role's other inline policies use IAM's 10,240 characters up, so IAM refuses the per-session Deny
     * ({@code LimitExceeded}). Before, the session stayed live and the build only logged it; now the revoker writes the
     * role-wide cut-off, which fits, and the session is denied. Administrators are told, since the cut-off also
     * denied the role's other older sessions.
     */
    @Test
    void aRoleWithNoRoomLeftGetsTheRoleWideCutOffInsteadOfALiveSession() throws Exception {
        account.revoking(deploy.getRoleArn());
        FakeRole role = aws.role("deploy");
        aws.putRolePolicy("deploy", "other", padding(RevocationPolicy.IAM_ROLE_INLINE_LIMIT - 230));
        WorkflowJob p = pipeline("withAwsRole(stage: 'deploy') {\n  echo 'inside the block'\n}\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        IssuedSession session = sessionOf(role);
        assertThat(account.isRevoked(session))
                .as("the session is denied at AWS")
                .isTrue();
        r.assertLogContains("with a role-wide cut-off", b);
        r.assertLogContains("every session of the role issued before", b);
        assertThat(role.inlinePolicies().get(RevocationPolicy.POLICY_NAME)).contains("RevokeOlderSessionsUntil");
        assertThat(AwsRoleService.get().audit().forBuild(CliPipelines.JOB, 1))
                .extracting(AuditEvent::kind, AuditEvent::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple(AuditEvent.Kind.REVOKED, "role-wide"));
        assertThat(manage("admin")).contains("revoked by a role-wide cut-off").contains(session.sessionName());
    }

    /**
     * The revoker role may not write the block's role: the revocation fails. With "Fail the build when revocation
     * fails" on, the build fails with the reason and no stack trace; the monitor lists the session as live, for
     * administrators only, until one clears it.
     */
    @Test
    void aFailedRevocationFailsTheBuildWhenAskedAndIsListedForAdministrators() throws Exception {
        account.revoking("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/some-other-role");
        AwsRoleConfiguration.get().setFailOnRevocationFailure(true);
        WorkflowJob p = pipeline("withAwsRole(stage: 'deploy') {\n  echo 'inside the block'\n}\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        IssuedSession session = sessionOf(aws.role("deploy"));
        assertThat(account.isRevoked(session)).isFalse();
        r.assertLogContains("inside the block", b);
        r.assertLogContains("could not be revoked, and the build fails for it", b);
        r.assertLogContains("AccessDenied", b);
        assertThat(JenkinsRule.getLog(b)).doesNotContain("\tat ").doesNotContain("AbortException");
        assertThat(manage("admin")).contains("NOT REVOKED").contains(session.sessionName());
        assertThat(manage("reader")).doesNotContain(session.sessionName());

        String clear = ExtensionList.lookupSingleton(RevocationMonitor.class).getUrl() + "/clear";
        assertThat(manage("admin")).as("the monitor's Clear button").contains(clear);
        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        reader.login("reader");
        assertThat(reader.getPage(post(reader, clear)).getWebResponse().getStatusCode())
                .isEqualTo(403);
        assertThat(AwsRoleService.get().revocationProblems().isEmpty()).isFalse();
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        admin.getPage(post(admin, clear));

        assertThat(AwsRoleService.get().revocationProblems().isEmpty()).isTrue();
        assertThat(manage("admin")).doesNotContain(session.sessionName());
    }

    /** Unchecked (the default), a failed revocation leaves the build's result alone; the monitor still lists it. */
    @Test
    void aFailedRevocationKeepsTheBuildResultByDefault() throws Exception {
        account.revoking("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/some-other-role");
        WorkflowJob p = pipeline("withAwsRole(stage: 'deploy') {\n  echo 'inside the block'\n}\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("could not be revoked; the build result is unchanged.", b);
        assertThat(AwsRoleService.get().revocationProblems().list()).hasSize(1);
    }

    private WebRequest post(JenkinsRule.WebClient client, String path) throws Exception {
        return client.addCrumb(new WebRequest(new URL(r.getURL(), path), HttpMethod.POST));
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(CliPipelines.definition(script));
        return p;
    }

    private IssuedSession sessionOf(FakeRole role) {
        List<IssuedSession> of = aws.sessions().stream()
                .filter(s -> s.role().name().equals(role.name()))
                .toList();
        assertThat(of).hasSize(1);
        return of.get(0);
    }

    /** The "Manage Jenkins" page as this user sees it, where active administrative monitors show. */
    private String manage(String user) throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        return web.login(user).goTo("manage").getWebResponse().getContentAsString();
    }

    /** An inline policy of {@code characters} characters that allows nothing of consequence. */
    private static String padding(int characters) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::";
        String tail = "/*\"}]}";
        return head + "b".repeat(characters - head.length() - tail.length()) + tail;
    }
}
