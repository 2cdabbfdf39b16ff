package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.trust.DenialReason;
import java.net.URL;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
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
 * Folder mappings in a real Jenkins: a folder's mapping gives its jobs a role and never a job outside the folder, the
 * nearest folder that maps a stage wins, the administrator's limits refuse a mapping when it is saved and again when
 * it is used (after a hand-edited {@code config.xml}, or once the limits were tightened), reserved roles stay reserved,
 * and only the folder permission lets a user change a folder's mappings (and nothing else of the folder).
 *
 * <p>Every role here trusts any job's token for its stage ({@code sub} {@code job:*:stage:...}), so that whatever
 * refuses a build is the plugin, not AWS; a refused build never reaches STS.
 */
@WithJenkins
class FolderMappingsJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String AUDIENCE = "sts.amazonaws.com";

    /** What the block prints once it has credentials: a refused build never prints it. */
    private static final String BODY_RAN = "the deploy block ran its body";

    private JenkinsRule r;
    private FakeAws aws;
    private CliPipelines account;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        aws = FakeAws.start();
        account = CliPipelines.trusting(aws, r.getURL());
        AwsRoleConfiguration.get().setFolderRoleArns("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/team-*");
    }

    @AfterEach
    void tearDown() {
        CliPipelines.stopRevoking();
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void aFolderMappingGivesItsJobsTheRoleAndAJobOutsideTheFolderNeverGetsIt() throws Exception {
        FakeRole role = role("team-deploy", "deploy");
        Folder team = r.jenkins.createProject(Folder.class, "team");
        setMappings(team, mapping("deploy", role.arn(), "**"));
        WorkflowJob inside = pipeline(team, "p", account.callerIdentity("caller"));
        WorkflowJob outside = pipeline(r.jenkins.createProject(Folder.class, "other"), "p", "");
        WorkflowJob top = pipeline(null, "team-p", "");

        WorkflowRun allowed = r.buildAndAssertSuccess(inside);
        assertThat(aws.sessions()).hasSize(1);
        IssuedSession session = aws.sessions().get(0);
        assertThat(session.subject()).isEqualTo("job:team/p:stage:deploy");
        assertThat(CliPipelines.callers(JenkinsRule.getLog(allowed)))
                .containsExactly("caller=" + session.assumedRoleArn());
        account.assertNoSecretIn("the log of team/p", JenkinsRule.getLog(allowed));
        for (WorkflowJob job : List.of(outside, top)) {
            WorkflowRun refused = assertRefused(job, DenialReason.UNKNOWN_STAGE);
            r.assertLogContains("There is no stage 'deploy'.", refused);
        }
        assertThat(aws.calls("AssumeRoleWithWebIdentity"))
                .as("only the job inside the folder reached STS")
                .isEqualTo(1);
        // The build's "AWS sessions" page says which mapping gave the role.
        assertThat(r.createWebClient()
                        .getPage(allowed, "aws-sessions")
                        .getWebResponse()
                        .getContentAsString())
                .containsPattern("mapping of folder (&#39;|')team(&#39;|')");
    }

    @Test
    void theNearestFolderThatMapsTheStageWinsAndTheGlobalMappingComesLast() throws Exception {
        FakeRole outer = role("team-outer", "deploy");
        FakeRole inner = role("team-inner", "deploy");
        FakeRole global = role("global", "deploy");
        AwsRoleMapping globalMapping = new AwsRoleMapping("deploy", global.arn());
        globalMapping.setJobs("**");
        CliPipelines.map(globalMapping);
        Folder team = r.jenkins.createProject(Folder.class, "team");
        Folder app = team.createProject(Folder.class, "app");
        setMappings(team, mapping("deploy", outer.arn(), "**"));
        setMappings(app, mapping("deploy", inner.arn(), "**"));

        r.buildAndAssertSuccess(pipeline(app, "p", ""));
        r.buildAndAssertSuccess(pipeline(team, "p", ""));
        r.buildAndAssertSuccess(pipeline(null, "p", ""));

        assertThat(aws.sessions())
                .extracting(s -> s.subject() + " " + s.role().name())
                .containsExactly(
                        "job:team/app/p:stage:deploy team-inner",
                        "job:team/p:stage:deploy team-outer",
                        "job:p:stage:deploy global");
    }

    @Test
    void aFolderThatMapsTheStageButRefusesTheJobDoesNotFallThroughToTheGlobalMapping() throws Exception {
        AwsRoleMapping globalMapping =
                new AwsRoleMapping("deploy", role("global", "deploy").arn());
        globalMapping.setJobs("**");
        CliPipelines.map(globalMapping);
        Folder team = r.jenkins.createProject(Folder.class, "team");
        setMappings(team, mapping("deploy", role("team-deploy", "deploy").arn(), "app"));

        WorkflowRun refused = assertRefused(pipeline(team, "lib", ""), DenialReason.JOB_NOT_ALLOWED);

        r.assertLogContains("Job 'team/lib' may not use stage 'deploy'", refused);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void aMappingBeyondTheLimitsIsRefusedOnTheFolderPage() throws Exception {
        FakeRole beyond = role("admin-deploy", "deploy");
        Folder team = r.jenkins.createProject(Folder.class, "team");
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        Page answer = submit(wc, team, mappingJson("deploy", beyond.arn(), "**", ""));

        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(answer.getWebResponse().getContentAsString())
                .contains("The AWS role mappings of folder 'team' were not saved")
                .contains("Role " + beyond.arn() + " is outside what folders may map");
        assertThat(team.getProperties().get(AwsRoleFolderProperty.class)).isNull();

        Page tooLong = submit(
                wc, team, mappingJson("deploy", role("team-deploy", "deploy").arn(), "**", "7200"));
        assertThat(tooLong.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(tooLong.getWebResponse().getContentAsString())
                .contains("A session of 7200 seconds is longer than folder mappings may give (3600 seconds)");
        assertThat(team.getProperties().get(AwsRoleFolderProperty.class)).isNull();
    }

    @Test
    void aMappingBeyondTheLimitsThatGotInByConfigXmlIsRefusedAtUse() throws Exception {
        FakeRole beyond = role("admin-deploy", "deploy");
        Folder team = r.jenkins.createProject(Folder.class, "team");
        WorkflowJob p = pipeline(team, "p", "");
        // The folder's config.xml, edited by hand (or written by Job DSL), with a mapping the page would refuse.
        String xml = team.getConfigFile().asString();
        String property = "<io.jenkins.plugins.awsrole.AwsRoleFolderProperty><mappings>"
                + "<io.jenkins.plugins.awsrole.AwsRoleMapping><stage>deploy</stage><roleArn>" + beyond.arn()
                + "</roleArn><jobs><string>**</string></jobs></io.jenkins.plugins.awsrole.AwsRoleMapping>"
                + "</mappings></io.jenkins.plugins.awsrole.AwsRoleFolderProperty>";
        String edited = xml.contains("<properties/>")
                ? xml.replace("<properties/>", "<properties>" + property + "</properties>")
                : xml.replace("<properties>", "<properties>" + property);
        assertThat(edited).as("the property written in").contains(property);
        JenkinsRule.WebClient wc = r.createWebClient();
        WebRequest post = new WebRequest(wc.createCrumbedUrl(team.getUrl() + "config.xml"), HttpMethod.POST);
        post.setAdditionalHeader("Content-Type", "application/xml");
        post.setRequestBody(edited);
        wc.getPage(post);
        assertThat(((AbstractFolder<?>) r.jenkins.getItemByFullName("team"))
                        .getProperties()
                        .get(AwsRoleFolderProperty.class))
                .as("the mapping got in")
                .isNotNull();

        // Not saved on the folder's page: refused as unapproved before anything else of it is looked at.
        assertRefused(p, DenialReason.UNAPPROVED_FOLDER_MAPPINGS);
        // Approved as it is (sealed as the page would, without its checks): the limits still refuse it at use.
        AbstractFolder<?> loaded = (AbstractFolder<?>) r.jenkins.getItemByFullName("team");
        List<AwsRoleMapping> got =
                loaded.getProperties().get(AwsRoleFolderProperty.class).getMappings();
        loaded.getProperties().removeAll(AwsRoleFolderProperty.class);
        loaded.addProperty(AwsRoleFolderProperty.sealed("team", got));
        WorkflowRun refused = assertRefused(p, DenialReason.OUTSIDE_FOLDER_LIMITS);

        r.assertLogContains("Stage 'deploy' of folder 'team' cannot be used", refused);
        r.assertLogContains("Role " + beyond.arn() + " is outside what folders may map", refused);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void limitsTightenedLaterRefuseTheMappingAtItsNextUse() throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");
        setMappings(team, mapping("deploy", role("team-deploy", "deploy").arn(), "**"));
        WorkflowJob p = pipeline(team, "p", "");
        r.buildAndAssertSuccess(p);

        AwsRoleConfiguration.get().setFolderRoleArns("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/payments-*");

        assertRefused(p, DenialReason.OUTSIDE_FOLDER_LIMITS);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(AwsRoleService.get().audit().forBuild("team/p", 2))
                .extracting(AuditEvent::kind, AuditEvent::rule)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        AuditEvent.Kind.REFUSED, DenialReason.OUTSIDE_FOLDER_LIMITS.rule()));
    }

    @Test
    void theReservedRolesStayReservedInFolders() throws Exception {
        AwsRoleConfiguration.get().setFolderAccounts(FakeAws.ACCOUNT); // every role of the account, but not these
        FakeRole revoker = account.revoking(role("team-deploy", "deploy").arn());
        Folder team = r.jenkins.createProject(Folder.class, "team");
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        Page answer = submit(wc, team, mappingJson("deploy", revoker.arn(), "**", ""));
        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(answer.getWebResponse().getContentAsString()).contains("no build may have it");

        // Approved before the role became reserved (sealed as the page would, without its checks): refused at use.
        team.addProperty(AwsRoleFolderProperty.sealed("team", List.of(mapping("deploy", revoker.arn(), "**"))));
        assertRefused(pipeline(team, "p", ""), DenialReason.RESERVED_ROLE);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void onlyTheFolderPermissionLetsAUserChangeTheFoldersMappingsAndItChangesNothingElse() throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");
        Folder other = r.jenkins.createProject(Folder.class, "other");
        String roleArn = role("team-deploy", "deploy").arn();
        setMappings(team, mapping("deploy", roleArn, "app"));
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("alice", "bob")
                .grant(FolderMappingsPermission.MAPPINGS)
                .onItems(team)
                .to("alice")
                .grant(Item.CONFIGURE)
                .onItems(team)
                .to("bob"));
        assertThat(team.getACL()
                        .hasPermission2(User.getById("admin", true).impersonate2(), FolderMappingsPermission.MAPPINGS))
                .as("implied by Overall/Administer")
                .isTrue();

        // alice: the page, through its own form, and nothing else of the folder.
        JenkinsRule.WebClient alice = r.createWebClient().login("alice");
        HtmlPage page = alice.getPage(team, "aws-role-mappings/");
        assertThat(page.getWebResponse().getContentAsString())
                .as("no Test button: it tests global mappings and needs Overall/Administer")
                .doesNotContain("testMapping")
                .contains("_.roleArn");
        HtmlForm form = page.getFormByName("config");
        form.getTextAreaByName("_.jobs").setText("app\nlib");
        r.submit(form);
        assertThat(mappings(team)).extracting(AwsRoleMapping::getJobs).containsExactly("app\nlib");
        alice.setThrowExceptionOnFailingStatusCode(false);
        assertThat(alice.getPage(team, "configure").getWebResponse().getStatusCode())
                .isEqualTo(403);
        assertThat(alice.getPage(other, "aws-role-mappings/").getWebResponse().getStatusCode())
                .as("not on another folder")
                .isEqualTo(403);
        assertThat(submit(alice, other, mappingJson("deploy", roleArn, "**", ""))
                        .getWebResponse()
                        .getStatusCode())
                .isEqualTo(403);
        assertThat(other.getProperties().get(AwsRoleFolderProperty.class)).isNull();

        // bob may configure the folder, but not its mappings: not on their page, not through the folder's form.
        JenkinsRule.WebClient bob = r.createWebClient().login("bob").withThrowExceptionOnFailingStatusCode(false);
        assertThat(bob.getPage(team, "aws-role-mappings/").getWebResponse().getStatusCode())
                .isEqualTo(403);
        assertThat(submit(bob, team, mappingJson("deploy", roleArn, "**", ""))
                        .getWebResponse()
                        .getStatusCode())
                .isEqualTo(403);
        bob.setThrowExceptionOnFailingStatusCode(true);
        HtmlForm folderForm = bob.getPage(team, "configure").getFormByName("config");
        folderForm.getTextAreaByName("_.description").setText("changed by bob");
        r.submit(folderForm);
        assertThat(team.getDescription()).isEqualTo("changed by bob");
        assertThat(mappings(team))
                .as("saving the folder's own form keeps its mappings")
                .extracting(AwsRoleMapping::getJobs)
                .containsExactly("app\nlib");
        assertThat(team.getProperties().get(AwsRoleFolderProperty.class).isApprovedIn("team"))
                .as("and their seal: still approved")
                .isTrue();
        assertThat(page.getWebResponse().getContentAsString()).doesNotContain("<script>alert");
    }

    /**
     * The administrator's exports describe the folders' mappings too (the drift check compares AWS with the same
     * plan): the folder's relative pattern appears behind the folder's name in the {@code sub}, and a mapping beyond
     * the limits, which no build can use, is left out.
     */
    @Test
    void theExportsDescribeTheFoldersMappingsWithinTheLimits() throws Exception {
        String teamRole = role("team-deploy", "deploy").arn();
        Folder team = r.jenkins.createProject(Folder.class, "team");
        setMappings(team, mapping("deploy", teamRole, "app/*"));
        // Approved before the limits were tightened (sealed as the page would, without its checks).
        team.getProperties().removeAll(AwsRoleFolderProperty.class);
        team.addProperty(AwsRoleFolderProperty.sealed(
                "team",
                List.of(
                        mapping("deploy", teamRole, "app/*"),
                        mapping("admin", role("admin", "admin").arn(), "**"))));

        String policies = r.createWebClient()
                .goTo(
                        "descriptorByName/io.jenkins.plugins.awsrole.AwsRoleConfiguration/export?format=trust-policies",
                        "application/json")
                .getWebResponse()
                .getContentAsString();

        assertThat(policies)
                .contains("job:team/app/*:stage:deploy")
                .contains(teamRole)
                .doesNotContain("role/admin");
    }

    @Test
    void theFolderPropertyBindsFromItsSymbolAsJobDslAndJcascWriteIt() throws Exception {
        Map<String, Object> arguments = Map.of(
                "mappings",
                List.of(Map.of(
                        "stage", "deploy", "roleArn", "arn:aws:iam::123456789012:role/team-deploy", "jobs", "app/*")));

        AwsRoleFolderProperty property =
                new DescribableModel<>(AwsRoleFolderProperty.class).instantiate(arguments, null);

        assertThat(property.getMappings())
                .extracting(AwsRoleMapping::getStage, AwsRoleMapping::getJobs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deploy", "app/*"));
        assertThat(org.jenkinsci.plugins.structs.SymbolLookup.get()
                        .findDescriptor(
                                com.cloudbees.hudson.plugins.folder.AbstractFolderProperty.class, "awsRoleMappings"))
                .isInstanceOf(AwsRoleFolderProperty.DescriptorImpl.class);
    }

    @Test
    void theLimitsComeFromJcascAndARefusedOneChangesNothing() throws Exception {
        io.jenkins.plugins.casc.ConfigurationAsCode.get()
                .configure(
                        getClass().getResource("FolderMappingsJenkinsTest.yaml").toExternalForm());

        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        for (AwsRoleConfiguration c : List.of(config, new AwsRoleConfiguration())) {
            assertThat(c.getFolderRoleArns())
                    .isEqualTo("arn:aws:iam::111122223333:role/team-*\narn:aws:iam::111122223333:role/ci/*");
            assertThat(c.getFolderAccounts()).isEqualTo("444455556666");
            assertThat(c.getFolderMaxSessionSeconds()).isEqualTo(1800);
        }
        assertThatThrownBy(() -> io.jenkins.plugins.casc.ConfigurationAsCode.get()
                        .configure(getClass()
                                .getResource("FolderMappingsJenkinsTest-invalid.yaml")
                                .toExternalForm()))
                .hasStackTraceContaining("is not a 12-digit AWS account id");
        assertThat(config.getFolderAccounts()).as("put back").isEqualTo("444455556666");
        assertThat(config.getFolderMaxSessionSeconds()).isEqualTo(1800);
    }

    @Test
    void theLimitsAreSetOnTheConfigurationPageAndARefusedSubmissionChangesNothing() throws Exception {
        HtmlPage configure = r.createWebClient().goTo("manage/configure");
        assertThat(configure.getWebResponse().getContentAsString())
                .as("the global page keeps the mapping's Test button")
                .contains("testMapping");
        HtmlForm form = configure.getFormByName("config");
        form.getTextAreaByName("_.folderAccounts").setText("444455556666\n777788889999");
        form.getInputByName("_.folderMaxSessionSeconds").setValue("");
        r.submit(form);

        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        for (AwsRoleConfiguration c : List.of(config, new AwsRoleConfiguration())) {
            assertThat(c.getFolderAccounts()).isEqualTo("444455556666\n777788889999");
            assertThat(c.getFolderRoleArns()).isEqualTo("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/team-*");
            assertThat(c.getFolderMaxSessionSeconds()).as("empty: the default").isEqualTo(3600);
        }

        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        HtmlForm bad = wc.goTo("manage/configure").getFormByName("config");
        bad.getTextAreaByName("_.folderRoleArns").setText("arn:aws:iam::*:role/x");
        bad.getInputByName("_.folderMaxSessionSeconds").setValue("1800");
        Page refused = r.submit(bad);

        assertThat(refused.getWebResponse().getContentAsString()).contains("Role ARN pattern");
        assertThat(config.getFolderRoleArns()).isEqualTo("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/team-*");
        assertThat(config.getFolderMaxSessionSeconds())
                .as("nothing of the refused page applied")
                .isEqualTo(3600);
    }

    /** A role in the fake account trusting every job's token for this stage. */
    private FakeRole role(String name, String stage) {
        return aws.createRole(name, FakeAws.trustPolicy(account.providerArn(), AUDIENCE, "job:*:stage:" + stage), 3600);
    }

    private static AwsRoleMapping mapping(String stage, String roleArn, String jobs) {
        AwsRoleMapping mapping = new AwsRoleMapping(stage, roleArn);
        mapping.setJobs(jobs);
        return mapping;
    }

    private static void setMappings(AbstractFolder<?> folder, AwsRoleMapping... mappings) throws Exception {
        FolderMappingsAction.replaceMappings(folder, List.of(mappings));
    }

    private static List<AwsRoleMapping> mappings(AbstractFolder<?> folder) {
        AwsRoleFolderProperty property = folder.getProperties().get(AwsRoleFolderProperty.class);
        return property == null ? List.of() : property.getMappings();
    }

    /** A Pipeline job with the deploy block, in {@code folder} or at the top when it is {@code null}. */
    private WorkflowJob pipeline(Folder folder, String name, String shell) throws Exception {
        WorkflowJob p = folder == null
                ? r.createProject(WorkflowJob.class, name)
                : folder.createProject(WorkflowJob.class, name);
        String body = "echo '" + BODY_RAN + "'\n" + (shell.isEmpty() ? "" : "node { sh '" + shell + "' }\n");
        p.setDefinition(CliPipelines.definition("withAwsRole(stage: 'deploy') {\n" + body + "}\n"));
        return p;
    }

    /** Builds the job and checks the refusal: the build fails with the rule's message, its body never runs. */
    private WorkflowRun assertRefused(WorkflowJob job, DenialReason reason) throws Exception {
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("No AWS credentials for stage 'deploy'", run);
        r.assertLogNotContains(BODY_RAN, run);
        r.assertLogNotContains("\tat ", run);
        assertThat(AwsRoleService.get().audit().forBuild(job.getFullName(), run.getNumber()))
                .extracting(AuditEvent::rule)
                .contains(reason.rule());
        return run;
    }

    private static JSONObject mappingJson(String stage, String roleArn, String jobs, String duration) {
        JSONObject mapping = new JSONObject();
        mapping.put("stage", stage);
        mapping.put("roleArn", roleArn);
        mapping.put("jobs", jobs);
        mapping.put("sessionDurationSeconds", duration);
        return new JSONObject().element("mappings", new JSONArray().element(mapping));
    }

    /** Posts the mappings page's form as the browser would, with the crumb. */
    private Page submit(JenkinsRule.WebClient wc, AbstractFolder<?> folder, JSONObject json) throws Exception {
        WebRequest post = new WebRequest(
                new URL(r.getURL(), folder.getUrl() + "aws-role-mappings/configSubmit"), HttpMethod.POST);
        post.setRequestParameters(List.of(new NameValuePair("json", json.toString())));
        wc.addCrumb(post);
        try {
            return wc.getPage(post);
        } catch (FailingHttpStatusCodeException e) {
            throw new AssertionError(
                    "Status " + e.getStatusCode() + ": " + e.getResponse().getContentAsString(), e);
        }
    }
}
