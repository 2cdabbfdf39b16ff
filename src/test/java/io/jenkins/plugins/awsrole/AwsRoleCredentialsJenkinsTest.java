package io.jenkins.plugins.awsrole;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentialsBinding;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.AbortException;
import hudson.model.Descriptor;
import hudson.model.Fingerprint;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.security.ACL;
import hudson.tasks.Shell;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsrole.awscredentials.AwsRoleCredentials;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.revoke.RevokerPolicies;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jenkins.branch.BranchSource;
import jenkins.model.Jenkins;
import jenkins.scm.impl.mock.MockSCMController;
import jenkins.scm.impl.mock.MockSCMDiscoverBranches;
import jenkins.scm.impl.mock.MockSCMSource;
import org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The credential type "AWS role through Jenkins OIDC" in a live Jenkins with aws-credentials, credentials-binding and
 * Declarative Pipeline, against the local AWS-compatible server, with the real AWS CLI: {@code withCredentials([aws(
 * ...)])} and Declarative {@code credentials()} run the CLI as the mapped role; the mapping's rules refuse a branch and
 * a folder's job exactly as for {@code withAwsRole}; a use outside a build, or for a finished build, is refused; the
 * keys are masked, audited, revoked when the build ends, and never written anywhere Jenkins keeps files.
 *
 * <p>Jenkins is the OIDC issuer: the local server fetches its discovery document and keys over HTTP, as AWS would.
 */
@WithJenkins
class AwsRoleCredentialsJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String AUDIENCE = "sts.amazonaws.com";

    /**
     * The shell's environment for the CLI where {@link CliPipelines#jenkinsfile} cannot wrap the script (Declarative,
     * freestyle): no profile or instance metadata of the test machine, and a region, which a binding does not set.
     */
    private static final List<String> CLI_ENVIRONMENT = List.of(
            "AWS_CONFIG_FILE=/nonexistent",
            "AWS_SHARED_CREDENTIALS_FILE=/nonexistent",
            "AWS_EC2_METADATA_DISABLED=true",
            "AWS_PAGER=",
            "AWS_DEFAULT_REGION=eu-west-1");

    private JenkinsRule r;
    private FakeAws aws;
    private CliPipelines account;
    private String providerArn;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        aws = FakeAws.start();
        account = CliPipelines.trusting(aws, r.getURL());
        providerArn = "arn:aws:iam::" + FakeAws.ACCOUNT + ":oidc-provider/"
                + r.getURL().toString().replaceFirst("^https?://", "") + "aws-oidc-role";
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(AwsRoleService.IAM_ENDPOINT_PROPERTY);
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void withCredentialsRunsTheCliAsTheMappedRoleMaskedAuditedAndWrittenNowhere() throws Exception {
        map(mapping("deploy", "p"));
        AwsRoleCredentials stored =
                global(new AwsRoleCredentials(CredentialsScope.GLOBAL, "deploy", "the deploy role", "deploy"));
        WorkflowJob p = pipeline("p", """
                node {
                  withCredentials([aws(credentialsId: 'deploy')]) {
                    sh '%s'
                    sh 'echo "key=$AWS_ACCESS_KEY_ID secret=$AWS_SECRET_ACCESS_KEY token=$AWS_SESSION_TOKEN"'
                  }
                  sh 'echo "outside=${AWS_ACCESS_KEY_ID:-none}"'
                }
                """.formatted(callerIdentity("caller")));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(aws.sessions()).hasSize(1);
        IssuedSession session = aws.sessions().get(0);
        assertThat(session.subject()).isEqualTo("job:p:stage:deploy");
        assertThat(session.sessionName()).isEqualTo(SessionNames.forBlock("p", 1, "c1"));
        assertThat(callers(b)).containsExactly("caller=" + session.assumedRoleArn());
        r.assertLogContains("key=**** secret=**** token=****", b);
        r.assertLogContains("outside=none", b);
        r.assertLogContains(
                "AWS session " + SessionNames.forBlock("p", 1, "c1")
                        + " of stage 'deploy', from credentials 'deploy': the build has ended",
                b);
        assertThat(AwsRoleService.get().audit().forBuild("p", 1))
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.TOKEN_ISSUED, AuditEvent.Kind.SESSION_OBTAINED);
        assertThat(b.getAction(BuildSessionsAction.class))
                .as("the build's AWS sessions page")
                .isNotNull();
        // Usage tracking fingerprinted the bound credential; it wrote the stored one (no session), so the stored
        // credential's fingerprint is the one that lists the build.
        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(stored);
        assertThat(fingerprint).isNotNull();
        assertThat(fingerprint.getJobs()).contains("p");
        assertNoSecretWritten(b);
    }

    @Test
    void declarativeEnvironmentCredentialsRunTheCliAsTheMappedRole() throws Exception {
        map(mapping("deploy", "p"));
        global(new AwsRoleCredentials(CredentialsScope.GLOBAL, "deploy", null, "deploy"));
        StringBuilder environment = new StringBuilder("    AWS = credentials('deploy')\n");
        for (String variable : CLI_ENVIRONMENT) {
            int eq = variable.indexOf('=');
            environment
                    .append("    ")
                    .append(variable, 0, eq)
                    .append(" = '")
                    .append(variable.substring(eq + 1))
                    .append("'\n");
        }
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                pipeline {
                  agent any
                  environment {
                %s  }
                  stages {
                    stage('deploy') {
                      steps {
                        sh '%s'
                        sh 'echo "key=$AWS_ACCESS_KEY_ID token=$AWS_SESSION_TOKEN left=${AWS:-unset}"'
                      }
                    }
                  }
                }
                """.formatted(environment, callerIdentity("caller")), true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(aws.sessions())
                .as("one session: Declarative binds the credential once")
                .hasSize(1);
        assertThat(callers(b)).containsExactly("caller=" + aws.sessions().get(0).assumedRoleArn());
        r.assertLogContains("key=**** token=**** left=unset", b);
        assertNoSecretWritten(b);
    }

    /** A freestyle build's credentials binding (credentials-binding's wrapper with aws-credentials' binding). */
    @Test
    void aFreestyleBindingRunsTheCliAsTheMappedRole() throws Exception {
        map(mapping("deploy", "f"));
        global(new AwsRoleCredentials(CredentialsScope.GLOBAL, "deploy", null, "deploy"));
        FreeStyleProject f = r.createFreeStyleProject("f");
        f.getBuildWrappersList()
                .add(new SecretBuildWrapper(List.of(new AmazonWebServicesCredentialsBinding(null, null, "deploy"))));
        StringBuilder script = new StringBuilder();
        for (String variable : CLI_ENVIRONMENT) {
            script.append("export ").append(variable).append('\n');
        }
        script.append(callerIdentity("caller")).append('\n');
        script.append("echo \"key=$AWS_ACCESS_KEY_ID token=$AWS_SESSION_TOKEN\"\n");
        f.getBuildersList().add(new Shell(script.toString()));

        FreeStyleBuild b = r.buildAndAssertSuccess(f);

        assertThat(aws.sessions()).extracting(IssuedSession::subject).containsExactly("job:f:stage:deploy");
        String log = JenkinsRule.getLog(b);
        assertThat(log).contains("caller=" + aws.sessions().get(0).assumedRoleArn());
        r.assertLogContains("key=**** token=****", b);
        r.assertLogContains(
                "AWS session " + SessionNames.forBlock("f", 1, "c1")
                        + " of stage 'deploy', from credentials 'deploy': the build has ended",
                b);
        account.assertNoSecretIn("the build log", log);
    }

    /** The mapping allows branch main only; the credential changes nothing about that. */
    @Test
    void aBranchTheMappingDoesNotAllowIsRefusedWithTheRuleAndNeverReachesAws() throws Exception {
        AwsRoleMapping deploy = mapping("deploy", "p/*");
        deploy.setBranches("main");
        map(deploy);
        global(new AwsRoleCredentials(CredentialsScope.GLOBAL, "deploy", null, "deploy"));
        try (MockSCMController scm = MockSCMController.create()) {
            scm.createRepository("repo");
            byte[] jenkinsfile =
                    jenkinsfile("""
                            node {
                              withCredentials([aws(credentialsId: 'deploy')]) {
                                echo 'the body ran'
                                sh '%s'
                              }
                            }
                            """.formatted(callerIdentity("caller"))).getBytes(UTF_8);
            for (String branch : List.of("main", "feature")) {
                scm.createBranch("repo", branch);
                scm.addFile("repo", branch, "Jenkinsfile", "Jenkinsfile", jenkinsfile);
            }
            WorkflowMultiBranchProject project = r.createProject(WorkflowMultiBranchProject.class, "p");
            project.getSourcesList()
                    .add(new BranchSource(new MockSCMSource(scm, "repo", new MockSCMDiscoverBranches())));
            project.scheduleBuild2(0);
            r.waitUntilNoActivity();

            WorkflowRun main =
                    r.assertBuildStatusSuccess(project.getItem("main").getBuildByNumber(1));
            WorkflowRun feature = project.getItem("feature").getBuildByNumber(1);

            assertThat(callers(main))
                    .containsExactly("caller=" + aws.sessions().get(0).assumedRoleArn());
            r.assertBuildStatus(Result.FAILURE, feature);
            r.assertLogContains(
                    "No AWS credentials for stage 'deploy': Branch 'feature' of job 'p/feature' may not use stage"
                            + " 'deploy': it matches none of the stage's branch patterns",
                    feature);
            r.assertLogNotContains("the body ran", feature);
            assertNoStackTrace(feature);
            assertThat(aws.sessions()).extracting(IssuedSession::subject).containsExactly("job:p/main:stage:deploy");
            assertThat(AwsRoleService.get().audit().forBuild("p/feature", 1))
                    .extracting(AuditEvent::kind)
                    .containsExactly(AuditEvent.Kind.REFUSED);
        }
    }

    /**
     * Credentials in folder {@code team}: one names a stage mapped to the folder's jobs, one names a stage mapped to
     * another job. The folder's job gets the first and is refused the second: storing a credential in a folder gives
     * its jobs no stage the mappings do not give them.
     */
    @Test
    void aFolderCredentialReachesOnlyTheStagesTheMappingsGiveTheFoldersJobs() throws Exception {
        map(mapping("deploy", "p"), mapping("team-deploy", "team/*"));
        Folder team = r.createProject(Folder.class, "team");
        CredentialsStore store = folderStore(team);
        store.addCredentials(
                Domain.global(), new AwsRoleCredentials(CredentialsScope.GLOBAL, "team", null, "team-deploy"));
        store.addCredentials(
                Domain.global(), new AwsRoleCredentials(CredentialsScope.GLOBAL, "deploy", null, "deploy"));
        WorkflowJob q = team.createProject(WorkflowJob.class, "q");
        q.setDefinition(new CpsFlowDefinition(jenkinsfile("""
                node {
                  withCredentials([aws(credentialsId: 'team')]) { sh '%s' }
                  withCredentials([aws(credentialsId: 'deploy')]) { echo 'the deploy body ran' }
                }
                """.formatted(callerIdentity("team"))), true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, q);

        assertThat(aws.sessions()).extracting(IssuedSession::subject).containsExactly("job:team/q:stage:team-deploy");
        assertThat(callers(b)).containsExactly("team=" + aws.sessions().get(0).assumedRoleArn());
        r.assertLogContains(
                "No AWS credentials for stage 'deploy': Job 'team/q' may not use stage 'deploy': it matches none of"
                        + " the stage's job patterns",
                b);
        r.assertLogNotContains("the deploy body ran", b);
        assertNoStackTrace(b);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
    }

    /** A cloud, a global setting, a plugin that looks the credential up without the build: no identity, no keys. */
    @Test
    void aUseOutsideABuildOrForAFinishedBuildIsRefusedWithAMessage() throws Exception {
        map(mapping("deploy", "p"));
        global(new AwsRoleCredentials(CredentialsScope.GLOBAL, "deploy", null, "deploy"));
        AmazonWebServicesCredentials unbound = CredentialsProvider.lookupCredentialsInItemGroup(
                        AmazonWebServicesCredentials.class, r.jenkins, ACL.SYSTEM2, List.of())
                .stream()
                .filter(c -> c.getId().equals("deploy"))
                .findFirst()
                .orElseThrow();

        assertThatThrownBy(unbound::resolveCredentials)
                .isInstanceOf(SdkClientException.class)
                .hasMessage("AWS credentials 'deploy' name stage 'deploy' of the AWS OIDC Role trust mappings, and a"
                        + " stage is only given to a build, for that build: use them in a build step (withCredentials,"
                        + " Declarative credentials(), a build wrapper), not from a cloud, a global setting or any"
                        + " other place outside a build.");
        assertThatThrownBy(unbound::getCredentials)
                .isInstanceOf(com.amazonaws.SdkClientException.class)
                .hasMessageContaining("only given to a build");
        assertThatThrownBy(() -> unbound.resolveCredentials("123456")).isInstanceOf(SdkClientException.class);

        WorkflowRun finished = r.buildAndAssertSuccess(pipeline("p", "echo 'no AWS here'\n"));
        AmazonWebServicesCredentials bound = (AmazonWebServicesCredentials) unbound.forRun(finished);
        Throwable late = catchThrowable(bound::resolveCredentials);

        assertThat(late)
                .isInstanceOf(AbortException.class)
                .hasMessage("AWS credentials 'deploy' (stage 'deploy') are only issued while a build runs, and p #1"
                        + " has ended.");
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void theSessionIsRevokedWhenTheBuildEnds() throws Exception {
        AwsRoleMapping deploy = mapping("deploy", "p");
        deploy.setRevocation(true);
        map(deploy);
        FakeRole revoker = aws.createRole(
                "jenkins-revoker", RevokerPolicies.trustPolicy(providerArn, AUDIENCE, RevokerPolicies.DEFAULT_SUBJECT));
        aws.putRolePolicy(revoker.name(), "revoke", RevokerPolicies.permissionsPolicy(List.of(deploy.getRoleArn())));
        AwsRoleConfiguration.get().setRevocationRoleArn(revoker.arn());
        System.setProperty(AwsRoleService.IAM_ENDPOINT_PROPERTY, aws.endpoint().toString());
        global(new AwsRoleCredentials(CredentialsScope.GLOBAL, "deploy", null, "deploy"));

        WorkflowRun b = r.buildAndAssertSuccess(pipeline("p", """
                node {
                  withCredentials([aws(credentialsId: 'deploy')]) { sh '%s' }
                }
                """.formatted(callerIdentity("caller"))));

        IssuedSession session = aws.sessions().stream()
                .filter(s -> s.role().name().equals("deploy"))
                .findFirst()
                .orElseThrow();
        assertThat(callers(b)).containsExactly("caller=" + session.assumedRoleArn());
        r.assertLogContains("AWS session of stage 'deploy': Revoked AWS session ", b);
        assertThat(AwsRoleService.get().audit().forBuild("p", 1))
                .extracting(AuditEvent::kind)
                .contains(AuditEvent.Kind.SESSION_OBTAINED, AuditEvent.Kind.REVOKED);
        try (StsClient revoked = StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                .build()) {
            StsException denied = (StsException) catchThrowable(revoked::getCallerIdentity);
            assertThat(denied).as("the session's keys after the build").isNotNull();
            assertThat(denied.statusCode()).isEqualTo(403);
        }
        assertNoSecretWritten(b);
    }

    /**
     * A bound copy keeps its session until it is refreshed (then it obtains the next, recorded as a refresh); and
     * serialized, by Java or by XStream, it is the stored credential: no session, no secret, unbound again.
     */
    @Test
    void aBoundCopyKeepsItsSessionUntilRefreshedAndSerializesAsTheStoredCredential() throws Exception {
        map(mapping("deploy", "p"));
        AwsRoleCredentials stored = global(new AwsRoleCredentials(CredentialsScope.GLOBAL, "deploy", null, "deploy"));
        WorkflowRun b = pipeline("p", "semaphore 'wait'\n").scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("wait/1", b);

        AmazonWebServicesCredentials bound =
                CredentialsProvider.findCredentialById("deploy", AmazonWebServicesCredentials.class, b);
        AwsSessionCredentials first = (AwsSessionCredentials) bound.resolveCredentials();
        AwsSessionCredentials again = (AwsSessionCredentials) bound.resolveCredentials();
        com.amazonaws.auth.BasicSessionCredentials v1 =
                (com.amazonaws.auth.BasicSessionCredentials) bound.getCredentials();
        bound.refresh();
        AwsSessionCredentials next = (AwsSessionCredentials) bound.resolveCredentials();

        assertThat(again.accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(v1.getSessionToken()).isEqualTo(first.sessionToken());
        assertThat(first.expirationTime()).isPresent();
        assertThat(next.accessKeyId()).isNotEqualTo(first.accessKeyId());
        assertThat(aws.sessions())
                .extracting(IssuedSession::sessionName)
                .containsExactly(SessionNames.forBlock("p", 1, "c1"), SessionNames.forBlock("p", 1, "c2"));
        assertThat(AwsRoleService.get().audit().forBuild("p", 1))
                .extracting(AuditEvent::kind)
                .containsExactly(
                        AuditEvent.Kind.TOKEN_ISSUED,
                        AuditEvent.Kind.SESSION_OBTAINED,
                        AuditEvent.Kind.TOKEN_ISSUED,
                        AuditEvent.Kind.REFRESHED);

        String boundXml = Jenkins.XSTREAM2.toXML(bound);
        assertThat(boundXml).isEqualTo(Jenkins.XSTREAM2.toXML(stored));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(bound);
        }
        String serialized = bytes.toString(ISO_8859_1);
        for (IssuedSession s : aws.sessions()) {
            assertThat(serialized).doesNotContain(s.accessKeyId(), s.secretAccessKey(), s.sessionToken());
        }
        AmazonWebServicesCredentials copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (AmazonWebServicesCredentials) in.readObject();
        }
        assertThatThrownBy(copy::resolveCredentials)
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("only given to a build");

        SemaphoreStep.success("wait/1", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains(
                "AWS session " + SessionNames.forBlock("p", 1, "c1")
                        + " of stage 'deploy', from credentials 'deploy': the build has ended",
                b);
        r.assertLogContains(
                "AWS session " + SessionNames.forBlock("p", 1, "c2")
                        + " of stage 'deploy', from credentials 'deploy': the build has ended",
                b);
        assertNoSecretWritten(b);
    }

    /** What credentials.xml keeps, and what the form and the constructor accept. */
    @Test
    void onlyTheStageIsStoredAndABadStageIsRefused() throws Exception {
        map(mapping("deploy", "p"));
        global(new AwsRoleCredentials(CredentialsScope.GLOBAL, "deploy", "the deploy role", "deploy"));

        String xml = Files.readString(r.jenkins.getRootDir().toPath().resolve("credentials.xml"), UTF_8);
        assertThat(xml)
                .contains("<io.jenkins.plugins.awsrole.awscredentials.AwsRoleCredentials>")
                .contains("<scope>GLOBAL</scope>", "<id>deploy</id>", "<description>the deploy role</description>")
                .contains("<stage>deploy</stage>");
        String entry = xml.substring(
                xml.indexOf("<io.jenkins.plugins.awsrole.awscredentials.AwsRoleCredentials>"),
                xml.indexOf("</io.jenkins.plugins.awsrole.awscredentials.AwsRoleCredentials>"));
        assertThat(entry.lines().map(String::strip).filter(l -> l.startsWith("<") && !l.startsWith("</")))
                .as("the stored fields")
                .containsExactly(
                        "<io.jenkins.plugins.awsrole.awscredentials.AwsRoleCredentials>",
                        "<scope>GLOBAL</scope>",
                        "<id>deploy</id>",
                        "<description>the deploy role</description>",
                        "<stage>deploy</stage>");

        AwsRoleCredentials.DescriptorImpl descriptor =
                r.jenkins.getDescriptorByType(AwsRoleCredentials.DescriptorImpl.class);
        assertThat(descriptor.getDisplayName()).isEqualTo("AWS role through Jenkins OIDC");
        assertThat(descriptor.doCheckStage("deploy").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckStage("prod").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(descriptor.doCheckStage("prod").getMessage())
                .as("HTML-escaped, as FormValidation shows it")
                .contains("No trust mapping has stage &#039;prod&#039; yet");
        assertThat(descriptor.doCheckStage(" ").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckStage("a b").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThatThrownBy(() -> new AwsRoleCredentials(CredentialsScope.GLOBAL, "x", null, "a b"))
                .isInstanceOf(Descriptor.FormException.class)
                .hasMessageContaining("Stage name 'a b'");
        assertThat(new AwsRoleCredentials(CredentialsScope.GLOBAL, "x", null, " deploy ").getStage())
                .isEqualTo("deploy");

        ConfigurationAsCode.get()
                .configure(getClass()
                        .getResource("AwsRoleCredentialsJenkinsTest.yaml")
                        .toString());

        AwsRoleCredentials fromCasc =
                CredentialsProvider.lookupCredentialsInItemGroup(
                                AwsRoleCredentials.class, r.jenkins, ACL.SYSTEM2, List.of())
                        .stream()
                        .filter(c -> c.getId().equals("deploy-casc"))
                        .findFirst()
                        .orElseThrow();
        assertThat(fromCasc.getStage()).isEqualTo("deploy");
        assertThat(fromCasc.getDescription()).isEqualTo("deploy, from JCasC");
    }

    // --- helpers ---

    private AwsRoleMapping mapping(String stage, String jobs) {
        return account.mapping(stage, jobs);
    }

    private static void map(AwsRoleMapping... mappings) {
        CliPipelines.map(mappings);
    }

    private static <C extends Credentials> C global(C credentials) throws IOException {
        SystemCredentialsProvider.getInstance()
                .getDomainCredentialsMap()
                .get(Domain.global())
                .add(credentials);
        SystemCredentialsProvider.getInstance().save();
        return credentials;
    }

    private static CredentialsStore folderStore(Folder folder) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(folder)) {
            if (store.getContext() == folder) {
                return store;
            }
        }
        throw new AssertionError("folder " + folder.getFullName() + " has no credentials store");
    }

    private WorkflowJob pipeline(String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(jenkinsfile(script), true));
        return p;
    }

    /** {@link CliPipelines#jenkinsfile}, with a region: a binding, unlike {@code withAwsRole}, sets none. */
    private static String jenkinsfile(String script) {
        return CliPipelines.jenkinsfile("withEnv(['AWS_DEFAULT_REGION=eu-west-1']) {\n" + script + "}\n");
    }

    private String callerIdentity(String label) {
        return account.callerIdentity(label);
    }

    private static List<String> callers(WorkflowRun b) throws IOException {
        return CliPipelines.callers(JenkinsRule.getLog(b));
    }

    private static void assertNoStackTrace(WorkflowRun b) throws IOException {
        assertThat(JenkinsRule.getLog(b)).doesNotContain("\tat ").doesNotContain("Exception");
    }

    /**
     * No credential of any session the account issued in the build log, in any file of the build's directory, in
     * the credentials store or in the fingerprints (read as ISO-8859-1, so any bytes will do).
     */
    private void assertNoSecretWritten(WorkflowRun b) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(
                b.getRootDir().toPath(),
                r.jenkins.getRootDir().toPath().resolve("fingerprints"),
                r.jenkins.getRootDir().toPath().resolve("credentials.xml"))) {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        assertThat(files).anyMatch(f -> f.getFileName().toString().equals("build.xml"));
        for (Path file : files) {
            account.assertNoSecretIn(file.toString(), Files.readString(file, ISO_8859_1));
        }
        account.assertNoSecretIn("the build log", JenkinsRule.getLog(b));
    }
}
