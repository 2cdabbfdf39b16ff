package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.casc.model.Sequence;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trust mappings and STS settings through the real configuration form and through JCasC. */
@WithJenkinsConfiguredWithCode
class AwsRoleMappingsJenkinsTest {

    private static final String POLICY = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
            + "    {\"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::releases/*\"}\n"
            + "  ]\n}\n";
    private static final String PREVIEW_POLICY =
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::previews/*\"}]}";

    @Test
    void theFormKeepsTwoMappingsWithEveryFieldAndTheStsSettings(JenkinsConfiguredWithCodeRule r) throws Exception {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        config.setDefaultRegion("eu-west-1");
        config.setStsEndpoint("https://sts.eu-west-1.amazonaws.com");
        config.setMappings(List.of(deployMapping(), previewMapping()));
        List<TrustMapping> before = config.trustMappings().all();

        r.configRoundtrip();

        assertThat(config.trustMappings().all()).isEqualTo(before);
        assertThat(config.trustMappings().all().get(0).sessionPolicy()).isEqualTo(POLICY);
        assertThat(config.getDefaultRegion()).isEqualTo("eu-west-1");
        assertThat(config.stsSettings().endpoint()).isEqualTo(URI.create("https://sts.eu-west-1.amazonaws.com"));
    }

    @Test
    void theFormKeepsNoMappingsWhenThereAreNone(JenkinsConfiguredWithCodeRule r) throws Exception {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();

        r.configRoundtrip();

        assertThat(config.getMappings()).isEmpty();
        assertThat(config.getDefaultRegion()).isNull();
        assertThat(config.getStsEndpoint()).isNull();
        assertThat(config.getRevocationRoleArn()).isNull();
    }

    @Test
    @ConfiguredWithCode("AwsRoleMappingsJenkinsTest.yaml")
    void jcascImportsAndExportsTheMappings(JenkinsConfiguredWithCodeRule r) throws Exception {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();

        assertThat(config.trustMappings().all())
                .containsExactly(
                        deployMapping().toTrustMapping(), previewMapping().toTrustMapping());
        assertThat(config.trustMappings().validate().hasErrors()).isFalse();
        assertThat(config.stsSettings())
                .isEqualTo(new StsSettings("eu-west-1", URI.create("https://sts.eu-west-1.amazonaws.com")));

        Mapping exported = Util.getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get()))
                .get("awsOidcRole")
                .asMapping();
        Sequence mappings = exported.get("mappings").asSequence();
        assertThat(mappings).hasSize(2);
        Mapping deploy = mappings.get(0).asMapping();
        // Lists go out as YAML block scalars, one entry a line, as they came in.
        assertThat(Util.toYamlString(deploy)).contains("jobs: |-");
        assertThat(deploy.getScalarValue("stage")).isEqualTo("deploy");
        assertThat(deploy.getScalarValue("roleArn")).isEqualTo("arn:aws:iam::123456789012:role/deploy");
        assertThat(deploy.getScalarValue("region")).isEqualTo("eu-central-1");
        assertThat(deploy.getScalarValue("sessionDurationSeconds")).isEqualTo("1800");
        assertThat(deploy.getScalarValue("sessionPolicy")).isEqualTo(POLICY);
        assertThat(deploy.getScalarValue("managedPolicyArns"))
                .isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess\narn:aws:iam::123456789012:policy/deploy-boundary");
        assertThat(deploy.getScalarValue("audience")).isEqualTo("jenkins.example.com");
        assertThat(deploy.getScalarValue("jobs")).isEqualTo("team/app/*\nteam/tools/deployer");
        assertThat(deploy.getScalarValue("branches")).isEqualTo("main\nrelease/*");
        assertThat(deploy.getScalarValue("tags")).isEqualTo("v*\nrelease/**");
        assertThat(deploy.getScalarValue("sessionTags")).isEqualTo("true");
        assertThat(deploy.getScalarValue("sourceIdentity")).isEqualTo("true");
        Mapping preview = mappings.get(1).asMapping();
        assertThat(preview.getScalarValue("stage")).isEqualTo("preview");
        assertThat(preview.getScalarValue("branches")).isEqualTo("PR-*");
        assertThat(preview.getScalarValue("changeRequestsAllowed")).isEqualTo("true");
        assertThat(preview.getScalarValue("forkChangeRequestsAllowed")).isEqualTo("true");
        assertThat(preview.getScalarValue("replaysAllowed")).isEqualTo("true");
        assertThat(preview.getScalarValue("revocation")).isEqualTo("true");
        assertThat(exported.getScalarValue("defaultRegion")).isEqualTo("eu-west-1");
        assertThat(exported.getScalarValue("stsEndpoint")).isEqualTo("https://sts.eu-west-1.amazonaws.com");
        assertThat(config.getRevocationRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/jenkins-revoker");
        assertThat(exported.getScalarValue("revocationRoleArn"))
                .isEqualTo("arn:aws:iam::123456789012:role/jenkins-revoker");
    }

    @Test
    void jcascRefusesMappingsWithErrorsNamingStageAndFieldAndKeepsTheOldOnes(JenkinsConfiguredWithCodeRule r) {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        config.setMappings(List.of(previewMapping()));
        String invalid = getClass()
                .getResource("AwsRoleMappingsJenkinsTest-invalid.yaml")
                .toExternalForm();

        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(invalid))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The trust mappings have errors and were not applied")
                .hasMessageContaining("ERROR Stage 'deploy', stage: Stage names must be unique, ignoring case")
                .hasMessageContaining("ERROR Stage 'Deploy', roleArn: ");

        assertThat(config.trustMappings().all())
                .containsExactly(previewMapping().toTrustMapping());
    }

    /** Every field set, none to its default. */
    private static AwsRoleMapping deployMapping() {
        AwsRoleMapping mapping = new AwsRoleMapping("deploy", "arn:aws:iam::123456789012:role/deploy");
        mapping.setRegion("eu-central-1");
        mapping.setSessionDurationSeconds(1800);
        mapping.setSessionPolicy(POLICY);
        mapping.setManagedPolicyArns(
                "arn:aws:iam::aws:policy/ReadOnlyAccess\narn:aws:iam::123456789012:policy/deploy-boundary");
        mapping.setAudience("jenkins.example.com");
        mapping.setJobs("team/app/*\nteam/tools/deployer");
        mapping.setBranches("main\nrelease/*");
        mapping.setTags("v*\nrelease/**");
        mapping.setSessionTags(true);
        mapping.setSourceIdentity(true);
        return mapping;
    }

    /** Every field set too, with the switches the first mapping leaves off turned on. */
    private static AwsRoleMapping previewMapping() {
        AwsRoleMapping mapping = new AwsRoleMapping("preview", "arn:aws:iam::123456789012:role/preview");
        mapping.setRegion("us-west-2");
        mapping.setSessionDurationSeconds(900);
        mapping.setSessionPolicy(PREVIEW_POLICY);
        mapping.setManagedPolicyArns("arn:aws:iam::123456789012:policy/preview");
        mapping.setAudience("preview.example.com");
        mapping.setJobs("team/app/*");
        mapping.setBranches("PR-*");
        mapping.setChangeRequestsAllowed(true);
        mapping.setForkChangeRequestsAllowed(true);
        mapping.setReplaysAllowed(true);
        mapping.setRevocation(true);
        return mapping;
    }
}
