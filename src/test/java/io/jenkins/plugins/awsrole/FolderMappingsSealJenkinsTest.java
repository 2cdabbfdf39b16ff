package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Item;
import hudson.model.Items;
import hudson.model.Result;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.trust.DenialReason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
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
 * The seal of a folder's mappings in a real Jenkins: mappings that reach a folder other than through its mappings page
 * (a {@code config.xml} posted by a user with Item/Configure only, a copied or moved folder, a hand edit of one field)
 * are refused at use with {@code folder mappings not approved}, audited, before STS, and never fall through to the
 * global mappings; saving the page approves them.
 */
@WithJenkins
class FolderMappingsSealJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String AUDIENCE = "sts.amazonaws.com";
    private static final String BODY_RAN = "the deploy block ran its body";
    private static final String UNAPPROVED = "The mappings of folder '%s' were changed outside its AWS role mappings"
            + " page (config.xml, Job DSL, a copy or move); someone with the 'Folder mappings' permission opens that"
            + " page and saves them to approve them.";

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
    void mappingsPostedInConfigXmlByItemConfigureAreRefusedUntilTheFolderPermissionSavesThePage() throws Exception {
        FakeRole role = role("team-deploy");
        // A global deploy stage the refusal must not fall through to.
        AwsRoleMapping global =
                new AwsRoleMapping("deploy", role("global-deploy").arn());
        global.setJobs("**");
        CliPipelines.map(global);
        Folder team = r.jenkins.createProject(Folder.class, "team");
        WorkflowJob p = pipeline(team, "p");
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

        // bob, with Item/Configure only, writes a mapping into the folder's config.xml, within the limits.
        postConfigXml(
                r.createWebClient().login("bob"),
                team,
                withProperty(team.getConfigFile().asString(), role.arn()));
        assertThat(mappings("team")).as("the mapping got in").hasSize(1);

        WorkflowRun refused = assertRefused(p);
        r.assertLogContains(String.format(UNAPPROVED, "team"), refused);
        assertThat(aws.calls("AssumeRoleWithWebIdentity"))
                .as("never reached STS")
                .isZero();
        assertThat(AwsRoleService.get().audit().forBuild("team/p", refused.getNumber()))
                .extracting(AuditEvent::kind, AuditEvent::rule)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        AuditEvent.Kind.REFUSED, DenialReason.UNAPPROVED_FOLDER_MAPPINGS.rule()));

        // alice sees why on the folder's page, and saving it approves the mappings as they are.
        JenkinsRule.WebClient alice = r.createWebClient().login("alice");
        HtmlPage page = alice.getPage(team, "aws-role-mappings/");
        assertThat(page.getWebResponse().getContentAsString())
                .contains("were changed outside its AWS role mappings page");
        r.submit(page.getFormByName("config"));
        assertThat(alice.getPage(team, "aws-role-mappings/").getWebResponse().getContentAsString())
                .doesNotContain("were changed outside its AWS role mappings page");

        r.buildAndAssertSuccess(p);
        assertThat(aws.sessions()).extracting(s -> s.role().name()).containsExactly("team-deploy");
    }

    @Test
    void aCopiedOrMovedFolderIsRefusedUntilApprovedAndTheOriginalKeepsItsRole() throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");
        setMappings(team, mapping("deploy", role("team-deploy").arn(), "**"));
        r.buildAndAssertSuccess(pipeline(team, "p"));

        Folder copy = (Folder) r.jenkins.copy(team, "team-copy");
        assertThat(mappings("team-copy"))
                .as("the copy carries the property, seal and all")
                .hasSize(1);
        // A new job (the copied ones wait for their first save before they build), as its new owners would add.
        WorkflowJob copied = pipeline(copy, "q");
        WorkflowRun refused = assertRefused(copied);
        r.assertLogContains(String.format(UNAPPROVED, "team-copy"), refused);
        r.buildAndAssertSuccess((WorkflowJob) team.getItem("p"));

        Folder outer = r.jenkins.createProject(Folder.class, "outer");
        Items.move(team, outer);
        WorkflowJob moved = (WorkflowJob) r.jenkins.getItemByFullName("outer/team/p");
        r.assertLogContains(String.format(UNAPPROVED, "outer/team"), assertRefused(moved));
        assertThat(aws.calls("AssumeRoleWithWebIdentity"))
                .as("only the original's builds")
                .isEqualTo(2);

        // Approved in the copy as the page would: the copy's job gets the role.
        setMappings(copy, mappings("team-copy").toArray(AwsRoleMapping[]::new));
        r.buildAndAssertSuccess(copied);
    }

    @Test
    void aHandEditOfOneFieldOfASealedMappingIsRefused() throws Exception {
        FakeRole approved = role("team-deploy");
        FakeRole other = role("team-other"); // within the limits too
        Folder team = r.jenkins.createProject(Folder.class, "team");
        setMappings(team, mapping("deploy", approved.arn(), "**"));
        WorkflowJob p = pipeline(team, "p");
        r.buildAndAssertSuccess(p);

        String xml = team.getConfigFile().asString();
        assertThat(xml).contains("<seal>").contains(approved.arn());
        postConfigXml(r.createWebClient(), team, xml.replace(approved.arn(), other.arn()));
        assertThat(mappings("team")).extracting(AwsRoleMapping::getRoleArn).containsExactly(other.arn());

        r.assertLogContains(String.format(UNAPPROVED, "team"), assertRefused(p));
        assertThat(aws.sessions()).extracting(s -> s.role().name()).containsExactly("team-deploy");
    }

    @Test
    void mappingsFromTheDataBoundConstructorAsJobDslAndJcascMakeThemAreUnsealed() throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");
        team.addProperty(new AwsRoleFolderProperty(
                List.of(mapping("deploy", role("team-deploy").arn(), "**"))));

        r.assertLogContains(String.format(UNAPPROVED, "team"), assertRefused(pipeline(team, "p")));
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void anEarlierApprovedConfigXmlPutBackByItemConfigureIsRefused() throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");
        WorkflowJob p = pipeline(team, "p");
        setMappings(team, mapping("deploy", role("team-deploy").arn(), "**"));
        r.buildAndAssertSuccess(p);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("bob"));
        String approved = configXml(team);
        assertThat(approved).contains("<seal>");

        // The stage removed on the page; bob, with Item/Configure only, puts the approved file back, seal and all.
        setMappings(team);
        postConfigXml(r.createWebClient().login("bob"), team, approved);
        assertThat(mappings("team")).as("the mapping got back").hasSize(1);

        r.assertLogContains(String.format(UNAPPROVED, "team"), assertRefused(p));
        assertThat(aws.calls("AssumeRoleWithWebIdentity"))
                .as("only the approved build")
                .isEqualTo(1);
    }

    @Test
    void aDeletedFolderRecreatedFromItsApprovedConfigXmlIsRefused() throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");
        setMappings(team, mapping("deploy", role("team-deploy").arn(), "**"));
        String approved = team.getConfigFile().asString();
        assertThat(team.getProperties().get(AwsRoleFolderProperty.class).isApprovedIn("team"))
                .isTrue();

        String seal = approved.replaceAll("(?s).*<seal>(.*?)</seal>.*", "$1");
        assertThat(new FolderSeals().isLatest("team", seal))
                .as("recorded in its own file")
                .isTrue();

        team.delete();
        assertThat(new FolderSeals().isLatest("team", seal))
                .as("retired in the file")
                .isFalse();
        Folder recreated = (Folder) r.jenkins.createProjectFromXML(
                "team", new ByteArrayInputStream(approved.getBytes(StandardCharsets.UTF_8)));
        assertThat(mappings("team")).hasSize(1);

        r.assertLogContains(String.format(UNAPPROVED, "team"), assertRefused(pipeline(recreated, "p")));
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    /** The folder's config.xml as the REST API gives it to an administrator. */
    private String configXml(AbstractFolder<?> folder) throws Exception {
        return r.createWebClient()
                .login("admin")
                .goTo(folder.getUrl() + "config.xml", "application/xml")
                .getWebResponse()
                .getContentAsString();
    }

    /** A role in the fake account trusting every job's token for stage deploy. */
    private FakeRole role(String name) {
        return aws.createRole(name, FakeAws.trustPolicy(account.providerArn(), AUDIENCE, "job:*:stage:deploy"), 3600);
    }

    private static AwsRoleMapping mapping(String stage, String roleArn, String jobs) {
        AwsRoleMapping mapping = new AwsRoleMapping(stage, roleArn);
        mapping.setJobs(jobs);
        return mapping;
    }

    /** As the mappings page saves them, sealed. */
    private static void setMappings(AbstractFolder<?> folder, AwsRoleMapping... mappings) throws Exception {
        FolderMappingsAction.replaceMappings(folder, List.of(mappings));
    }

    private List<AwsRoleMapping> mappings(String folderFullName) {
        AbstractFolder<?> folder = (AbstractFolder<?>) r.jenkins.getItemByFullName(folderFullName);
        AwsRoleFolderProperty property = folder.getProperties().get(AwsRoleFolderProperty.class);
        return property == null ? List.of() : property.getMappings();
    }

    /** The folder's config.xml with an unsealed deploy mapping of this role for every job, as Job DSL writes one. */
    private static String withProperty(String xml, String roleArn) {
        String property = "<io.jenkins.plugins.awsrole.AwsRoleFolderProperty><mappings>"
                + "<io.jenkins.plugins.awsrole.AwsRoleMapping><stage>deploy</stage><roleArn>" + roleArn
                + "</roleArn><jobs><string>**</string></jobs></io.jenkins.plugins.awsrole.AwsRoleMapping>"
                + "</mappings></io.jenkins.plugins.awsrole.AwsRoleFolderProperty>";
        String edited = xml.contains("<properties/>")
                ? xml.replace("<properties/>", "<properties>" + property + "</properties>")
                : xml.replace("<properties>", "<properties>" + property);
        assertThat(edited).as("the property written in").contains(property);
        return edited;
    }

    private void postConfigXml(JenkinsRule.WebClient wc, AbstractFolder<?> folder, String xml) throws Exception {
        WebRequest post = new WebRequest(wc.createCrumbedUrl(folder.getUrl() + "config.xml"), HttpMethod.POST);
        post.setAdditionalHeader("Content-Type", "application/xml");
        post.setRequestBody(xml);
        wc.getPage(post);
    }

    private WorkflowJob pipeline(Folder folder, String name) throws Exception {
        WorkflowJob p = folder.createProject(WorkflowJob.class, name);
        p.setDefinition(CliPipelines.definition("withAwsRole(stage: 'deploy') {\necho '" + BODY_RAN + "'\n}\n"));
        return p;
    }

    /** Builds the job: refused with the new rule, audited, its body never runs, no stack trace in the log. */
    private WorkflowRun assertRefused(WorkflowJob job) throws Exception {
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("No AWS credentials for stage 'deploy'", run);
        r.assertLogNotContains(BODY_RAN, run);
        r.assertLogNotContains("\tat ", run);
        assertThat(AwsRoleService.get().audit().forBuild(job.getFullName(), run.getNumber()))
                .extracting(AuditEvent::rule)
                .contains(DenialReason.UNAPPROVED_FOLDER_MAPPINGS.rule());
        return run;
    }
}
