package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustPolicyExport;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The {@code sub} template and a mapping's static session tags in a real Jenkins, with Jenkins itself as the issuer and
 * the local AWS server checking the trust policy: a build's token follows the configured template and carries the
 * mapping's tags; a template or tags that cannot be used are refused and change nothing; JCasC sets and exports them;
 * the mapping's Test button sends the tags a build would, so it fails where the build would fail.
 */
@WithJenkins
class ClaimsAndTagsJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String AUDIENCE = "sts.amazonaws.com";
    private static final String TEMPLATE = "job:${job}:folder:${folder}:stage:${stage}:replay:${replay}";

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
    void aBuildsTokenFollowsTheTemplateAndCarriesTheMappingsTags() throws Exception {
        String sub = "job:team/p:folder:team:stage:deploy:replay:false";
        aws.createRole("deploy", FakeAws.trustPolicy(account.providerArn(), AUDIENCE, sub, "sts:TagSession"), 3600);
        AwsRoleConfiguration.get().setSubjectTemplate(TEMPLATE);
        CliPipelines.map(mapping("team/p", "team=payments\ncost-center=4711"));
        WorkflowJob p = r.jenkins.createProject(Folder.class, "team").createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("withAwsRole(stage: 'deploy') { echo 'inside' }", true));

        WorkflowRun run = r.buildAndAssertSuccess(p);

        IssuedSession session = aws.sessions().get(0);
        assertThat(session.subject()).isEqualTo(sub);
        assertThat(session.principalTags())
                .containsEntry("team", "payments")
                .containsEntry("cost-center", "4711")
                .containsEntry("jenkins-job", "team/p")
                .containsEntry("jenkins-stage", "deploy");
        r.assertLogContains("inside", run);

        // Back to the default: the same role's trust policy no longer matches, and AWS refuses the build.
        AwsRoleConfiguration.get().setSubjectTemplate("");
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("job:team/p:stage:deploy", refused);
        assertThat(aws.sessions()).hasSize(1);
    }

    @Test
    void aTemplateThatCouldForgeOrCannotTellBuildsApartIsRefusedAndChangesNothing() throws Exception {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        config.setSubjectTemplate(TEMPLATE);

        for (String bad : List.of(
                "jenkins:controller:revoker",
                "jenkins:controller:job:${job}:stage:${stage}",
                "job:${job}",
                "job:${job}:stage:${stage}:build:${build}",
                "job:${job}:stage:${stage}:branch:${tag}")) {
            assertThatThrownBy(() -> config.setSubjectTemplate(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sub template");
            assertThat(config.getSubjectTemplate()).as("after %s", bad).isEqualTo(TEMPLATE);
            assertThat(config.doCheckSubjectTemplate(bad).kind).isEqualTo(FormValidation.Kind.ERROR);
        }
        assertThat(config.doCheckSubjectTemplate("").renderHtml()).contains("the default");
        assertThat(config.doCheckSubjectTemplate("job:${job}:stage:${stage}:branch:${branch}").kind)
                .as("a branch without ref_type cannot tell PR-1 the branch from change request PR-1")
                .isEqualTo(FormValidation.Kind.WARNING);
        assertThat(config.doCheckSubjectTemplate("job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch}")
                        .kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(config.brokerSettings().subjectTemplate().pattern()).isEqualTo(TEMPLATE);
    }

    /**
     * A template that only a hand-edited file can hold refuses every build with a message (no token, no stack trace),
     * rather than sign a sub the administrator did not choose.
     */
    @Test
    void aHandEditedTemplateThatCannotBeUsedRefusesEveryBuildWithAMessage() throws Exception {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        CliPipelines.map(account.mapping("deploy"));
        Path xml = r.jenkins.getRootDir().toPath().resolve(AwsRoleConfiguration.class.getName() + ".xml");
        String saved = Files.readString(xml, StandardCharsets.UTF_8);
        String end = "</" + AwsRoleConfiguration.class.getName() + ">";
        assertThat(saved).contains(end);
        Files.writeString(
                xml,
                saved.replace(end, "  <subjectTemplate>jenkins:controller:revoker</subjectTemplate>\n" + end),
                StandardCharsets.UTF_8);
        config.load();
        assertThat(config.getSubjectTemplate()).isEqualTo("jenkins:controller:revoker");
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(new CpsFlowDefinition("withAwsRole(stage: 'deploy') { echo 'inside' }", true));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("The configured sub template cannot be used, so no token is made", run);
        r.assertLogNotContains("inside", run);
        r.assertLogNotContains("\tat ", run);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
        assertThat(config.controllerSessionSettings().subjectTemplate())
                .as("the revoker's and drift reader's sessions do not depend on it")
                .isEqualTo(io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate.DEFAULT);
    }

    @Test
    void staticTagsThatBreakIamsRulesAreRefusedWithTheWholeConfiguration() throws Exception {
        AwsRoleMapping good = mapping("team/p", "team=payments");
        CliPipelines.map(good);

        for (String tags : List.of("jenkins-job=other", "aws:team=x", "team=a\nTEAM=b", "no equals sign")) {
            AwsRoleMapping bad = mapping("team/p", tags);
            assertThatThrownBy(() -> AwsRoleConfiguration.get().setMappings(List.of(bad)))
                    .as(tags)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(AwsRoleConfiguration.get().getMappings())
                    .singleElement()
                    .satisfies(m -> assertThat(m.getStaticSessionTags()).isEqualTo("team=payments"));
        }
        AwsRoleMapping withoutTags = mapping("team/p", "team=payments");
        withoutTags.setSessionTags(false);
        assertThatThrownBy(() -> AwsRoleConfiguration.get().setMappings(List.of(withoutTags)))
                .hasMessageContaining("Send session tags");
    }

    @Test
    void jcascSetsTheTemplateAndTagsAndExportsThem(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("claims.yaml");
        Files.writeString(yaml, """
                unclassified:
                  awsOidcRole:
                    subjectTemplate: "job:^${job}:stage:^${stage}:ref_type:^${ref_type}:branch:^${branch}"
                    mappings:
                      - stage: "deploy"
                        roleArn: "arn:aws:iam::111111111111:role/app-deploy"
                        jobs: "team/app/*"
                        branches: "main"
                        sessionTags: true
                        staticSessionTags: |
                          team=payments
                        transitiveTagKeys: "team"
                """, StandardCharsets.UTF_8);

        ConfigurationAsCode.get().configure(yaml.toString());

        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        assertThat(config.subjectTemplate().fields()).containsExactly("job", "stage", "ref_type", "branch");
        AwsRoleMapping deploy = config.getMappings().get(0);
        assertThat(deploy.toTrustMapping().staticTags()).containsEntry("team", "payments");
        assertThat(deploy.toTrustMapping().transitiveTagKeys()).containsExactly("team");
        assertThat(config.trustPlan().roles().get(0).stages().get(0).subPatterns())
                .containsExactly("job:team/app/*:stage:deploy:ref_type:branch:branch:main");

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = Util.toYamlString(Util.getUnclassifiedRoot(context).get("awsOidcRole"))
                .replaceAll("\\\\\\r?\\n\\s*", "");
        assertThat(exported)
                .as(exported)
                .as("the export escapes ${ as JCasC reads it back")
                .contains("subjectTemplate: \"job:^${job}:stage:^${stage}:ref_type:^${ref_type}:branch:^${branch}\"")
                .contains("team=payments")
                .containsPattern("transitiveTagKeys: \"?team");

        Files.writeString(
                yaml,
                "unclassified:\n  awsOidcRole:\n    subjectTemplate: \"jenkins:controller:job:^${job}:stage:^${stage}\"\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(yaml.toString()))
                .hasStackTraceContaining("sub template");
        // Without JCasC's escape, ${job} is JCasC's own (empty) variable: refused, saying how to write it.
        Files.writeString(
                yaml,
                "unclassified:\n  awsOidcRole:\n    subjectTemplate: \"job:${job}:stage:${stage}\"\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(yaml.toString()))
                .hasStackTraceContaining("In JCasC, write ^${job}");
        assertThat(config.getSubjectTemplate())
                .isEqualTo("job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch}");
    }

    /**
     * With the branch in sub, the exported trust policy keeps a feature branch out by itself: awsRoleProbe signs a
     * token for it, and AWS refuses. Under the default template the same probe signs nothing.
     */
    @Test
    void theProbeOfARefusedBranchIsRefusedByAwsOnceSubCarriesTheBranch() throws Exception {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        AwsRoleMapping deploy = new AwsRoleMapping("deploy", "arn:aws:iam::" + FakeAws.ACCOUNT + ":role/app-deploy");
        deploy.setJobs("team/app/main");
        deploy.setBranches("main");
        CliPipelines.map(deploy);
        config.setTrustCheckJobs("probe");
        WorkflowJob probe = r.createProject(WorkflowJob.class, "probe");
        probe.setDefinition(new CpsFlowDefinition(
                "awsRoleProbe(stage: 'deploy', asJob: 'team/app/main', asBranch: 'feature')", true));

        WorkflowRun indistinguishable = r.buildAndAssertStatus(Result.FAILURE, probe);
        r.assertLogContains("AWS cannot tell this identity from an admitted one", indistinguishable);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();

        config.setSubjectTemplate("job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch}");
        String policy = TrustPolicyExport.byRole(config.trustPlan()).get(deploy.getRoleArn());
        assertThat(policy).contains("job:team/app/main:stage:deploy:ref_type:branch:branch:main");
        aws.createRole("app-deploy", policy, 3600);

        WorkflowRun passed = r.buildAndAssertSuccess(probe);
        r.assertLogContains("PASS: stage 'deploy'", passed);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(aws.sessions()).isEmpty();
    }

    /** The Test button sends the tags a build would: without sts:TagSession it fails, as every build would. */
    @Test
    void theTestButtonSendsTheBuildsTagsAndFailsWithoutTagSession() throws Exception {
        String sub = "job:team/p:stage:deploy";
        aws.createRole("deploy", FakeAws.trustPolicy(account.providerArn(), AUDIENCE, sub), 3600);
        AwsRoleMapping.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(AwsRoleMapping.DescriptorImpl.class);
        String roleArn = "arn:aws:iam::" + FakeAws.ACCOUNT + ":role/deploy";

        FormValidation withTags = test(descriptor, roleArn, true, "team=payments");

        assertThat(withTags.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(withTags.renderHtml()).contains("sts:TagSession");
        assertThat(aws.sessions()).isEmpty();

        FormValidation withoutTags = test(descriptor, roleArn, false, "");
        assertThat(withoutTags.kind).as(withoutTags.renderHtml()).isEqualTo(FormValidation.Kind.OK);

        aws.role("deploy").trustPolicy(FakeAws.trustPolicy(account.providerArn(), AUDIENCE, sub, "sts:TagSession"));
        FormValidation allowed = test(descriptor, roleArn, true, "team=payments");
        assertThat(allowed.kind).as(allowed.renderHtml()).isEqualTo(FormValidation.Kind.OK);
        assertThat(aws.sessions().get(1).principalTags()).containsEntry("team", "payments");
    }

    private static FormValidation test(
            AwsRoleMapping.DescriptorImpl descriptor, String roleArn, boolean sessionTags, String staticTags)
            throws InterruptedException {
        return descriptor.doTestMapping(
                "deploy",
                roleArn,
                "",
                "",
                "",
                "",
                AUDIENCE,
                "team/p",
                "",
                sessionTags,
                false,
                staticTags,
                "",
                "team/p",
                "");
    }

    private static AwsRoleMapping mapping(String jobs, String staticTags) {
        AwsRoleMapping mapping = new AwsRoleMapping("deploy", "arn:aws:iam::" + FakeAws.ACCOUNT + ":role/deploy");
        mapping.setJobs(jobs);
        mapping.setSessionTags(true);
        mapping.setStaticSessionTags(staticTags);
        return mapping;
    }
}
