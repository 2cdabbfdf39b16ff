package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.slaves.EnvironmentVariablesNodeProperty;
import hudson.tasks.Shell;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The freestyle wrapper in a real Jenkins against the local AWS-compatible server, which fetches this Jenkins' issuer
 * documents (${root}aws-oidc-role) over HTTP to verify the token.
 */
@WithJenkins
class AwsRoleBuildWrapperJenkinsTest {

    private static final String AUDIENCE = "sts.amazonaws.com";

    private JenkinsRule r;
    private FakeAws aws;
    private FakeRole role;

    // The rule is injected here only: each injection of JenkinsRule starts a Jenkins of its own.
    @BeforeEach
    void awsTrustsThisJenkins(JenkinsRule rule) throws Exception {
        r = rule;
        aws = FakeAws.start();
        String provider = aws.createOidcProvider(r.getURL() + "aws-oidc-role", AUDIENCE);
        role = aws.createRole("deploy", FakeAws.trustPolicy(provider, AUDIENCE, "job:app:stage:deploy"));
        AwsRoleConfiguration.get().setStsEndpoint(aws.endpoint().toString());
        // A conflicting variable from a global property: the wrapper must remove it.
        r.jenkins
                .getGlobalNodeProperties()
                .add(new EnvironmentVariablesNodeProperty(
                        new EnvironmentVariablesNodeProperty.Entry("AWS_PROFILE", "ci")));
    }

    @AfterEach
    void stopAws() {
        if (aws != null) { // null when the fake server did not start
            aws.close();
        }
    }

    private void mapDeployTo(String jobs) {
        AwsRoleMapping mapping = new AwsRoleMapping("deploy", role.arn());
        mapping.setJobs(jobs);
        AwsRoleConfiguration.get().setMappings(List.of(mapping));
    }

    private FreeStyleProject project() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject("app");
        project.getBuildWrappersList().add(new AwsRoleBuildWrapper("deploy"));
        project.getBuildersList()
                .add(new Shell("echo \"id=$AWS_ACCESS_KEY_ID secret=$AWS_SECRET_ACCESS_KEY"
                        + " token=$AWS_SESSION_TOKEN profile=${AWS_PROFILE:-none}\""));
        return project;
    }

    @Test
    void theBuildStepsGetTheMappedRoleAndTheLogShowsNoSecret() throws Exception {
        mapDeployTo("app");

        FreeStyleBuild build = r.buildAndAssertSuccess(project());

        assertThat(aws.sessions()).hasSize(1);
        IssuedSession session = aws.sessions().get(0);
        assertThat(session.role().name()).isEqualTo("deploy");
        r.assertLogContains("id=**** secret=**** token=**** profile=none", build);
        r.assertLogContains(session.assumedRoleArn(), build);
        r.assertLogContains(
                "AWS credentials for stage 'deploy' (session " + session.sessionName() + ") removed", build);
        assertThat(JenkinsRule.getLog(build))
                .doesNotContain(session.accessKeyId())
                .doesNotContain(session.secretAccessKey())
                .doesNotContain(session.sessionToken());
    }

    @Test
    void theBuildHasAnAwsSessionsPageListingItsSession() throws Exception {
        mapDeployTo("app");

        FreeStyleBuild build = r.buildAndAssertSuccess(project());

        IssuedSession session = aws.sessions().get(0);
        assertThat(build.getAction(BuildSessionsAction.class)).isNotNull();
        String page = r.createWebClient()
                .goTo(build.getUrl() + "aws-sessions/")
                .getWebResponse()
                .getContentAsString();
        assertThat(page).contains(session.sessionName()).contains("SESSION_OBTAINED");
        assertThat(page).as("the build's side panel, as on its other pages").contains("Console Output");
        assertThat(page)
                .as("times to the second")
                .containsPattern("<td>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ</td>")
                .doesNotContainPattern("T\\d\\d:\\d\\d:\\d\\d\\.\\d+Z");
    }

    @Test
    void aRefusedBuildsPageListsTheRefusal() throws Exception {
        mapDeployTo("other/*");

        FreeStyleBuild build = r.buildAndAssertStatus(Result.FAILURE, project());

        String page = r.createWebClient()
                .goTo(build.getUrl() + "aws-sessions/")
                .getWebResponse()
                .getContentAsString();
        assertThat(page).contains("REFUSED");
    }

    @Test
    void aJobTheMappingDoesNotAllowFailsBeforeAwsIsAsked() throws Exception {
        mapDeployTo("other/*");

        FreeStyleBuild build = r.buildAndAssertStatus(Result.FAILURE, project());

        r.assertLogContains("No AWS credentials for stage 'deploy': ", build);
        r.assertLogNotContains("id=", build);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void inAPipelineTheWrapperRefusesBeforeAwsIsAsked() throws Exception {
        mapDeployTo("pipe");
        WorkflowJob pipe = r.createProject(WorkflowJob.class, "pipe");
        pipe.setDefinition(new CpsFlowDefinition(
                "wrap([$class: 'AwsRoleBuildWrapper', stage: 'deploy']) { echo 'inside the wrapper' }", true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipe);

        r.assertLogContains(Messages.AwsRoleBuildWrapper_NotFreestyle(), build);
        r.assertLogNotContains("inside the wrapper", build);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void pipelineHasNoAwsRoleSymbolThatWouldOfferTheWrapper() throws Exception {
        mapDeployTo("pipe");
        WorkflowJob pipe = r.createProject(WorkflowJob.class, "pipe");
        pipe.setDefinition(new CpsFlowDefinition("awsRole(stage: 'deploy') { echo 'inside the wrapper' }", true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipe);

        r.assertLogContains("No such DSL method 'awsRole'", build);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }
}
