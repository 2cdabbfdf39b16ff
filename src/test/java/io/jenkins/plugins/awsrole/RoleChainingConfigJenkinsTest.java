package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.FormValidation;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.Mapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chained role of a mapping through Jenkins: JCasC imports and exports it, the configuration form keeps it, its
 * form check answers, and a chained mapping whose session outlasts AWS's one-hour limit for chains is refused when
 * saved, with the old mappings kept.
 */
@WithJenkinsConfiguredWithCode
class RoleChainingConfigJenkinsTest {

    private static final String HUB = "arn:aws:iam::123456789012:role/jenkins-hub";
    private static final String TARGET = "arn:aws:iam::210987654321:role/app-deployer";

    @Test
    @ConfiguredWithCode("RoleChainingConfigJenkinsTest.yaml")
    void jcascImportsAndExportsTheChainedRole(JenkinsConfiguredWithCodeRule r) throws Exception {
        TrustMapping mapping = AwsRoleConfiguration.get().trustMappings().all().get(0);
        assertThat(mapping.chainedRoleArn()).isEqualTo(TARGET);
        assertThat(mapping.roleArn()).isEqualTo(HUB);

        Mapping exported = Util.getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get()))
                .get("awsOidcRole")
                .asMapping();
        Mapping deploy = exported.get("mappings").asSequence().get(0).asMapping();
        assertThat(deploy.getScalarValue("chainedRoleArn")).isEqualTo(TARGET);
    }

    @Test
    void aMappingWithoutAChainedRoleExportsNone(JenkinsConfiguredWithCodeRule r) throws Exception {
        AwsRoleMapping plain = new AwsRoleMapping("deploy", HUB);
        plain.setJobs("team/app/*");
        AwsRoleConfiguration.get().setMappings(List.of(plain));

        Mapping exported = Util.getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get()))
                .get("awsOidcRole")
                .asMapping();
        Mapping deploy = exported.get("mappings").asSequence().get(0).asMapping();
        assertThat(deploy.get("chainedRoleArn")).isNull();
        assertThat(AwsRoleConfiguration.get().trustMappings().all().get(0).chained())
                .isFalse();
    }

    @Test
    void aChainedSessionLongerThanAnHourIsRefusedWhenSavedAndTheOldMappingsStay(JenkinsConfiguredWithCodeRule r) {
        AwsRoleMapping kept = chained();
        AwsRoleConfiguration.get().setMappings(List.of(kept));
        String tooLong = getClass()
                .getResource("RoleChainingConfigJenkinsTest-too-long.yaml")
                .toExternalForm();

        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(tooLong))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The trust mappings have errors and were not applied")
                .hasMessageContaining("sessionDurationSeconds")
                .hasMessageContaining("role chaining to 3600 seconds");

        assertThat(AwsRoleConfiguration.get().trustMappings().all()).containsExactly(kept.toTrustMapping());
    }

    @Test
    void theRevokersNamesakeInAnotherAccountCannotBeChainedTo(JenkinsConfiguredWithCodeRule r) {
        String reserved = getClass()
                .getResource("RoleChainingConfigJenkinsTest-reserved.yaml")
                .toExternalForm();

        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(reserved))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The trust mappings have errors and were not applied")
                .hasMessageContaining("chainedRoleArn")
                .hasMessageContaining("no build may have it");

        assertThat(AwsRoleConfiguration.get().trustMappings().all()).isEmpty();
    }

    @Test
    void aStageWhoseBlockWouldGetTheFirstRoleOfAChainIsRefused(JenkinsConfiguredWithCodeRule r) {
        String exposed = getClass()
                .getResource("RoleChainingConfigJenkinsTest-exposed.yaml")
                .toExternalForm();

        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(exposed))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The trust mappings have errors and were not applied")
                .hasMessageContaining("Stage 'build', roleArn: ")
                .hasMessageContaining("is the first role of stage 'prod'");

        assertThat(AwsRoleConfiguration.get().trustMappings().all()).isEmpty();
    }

    @Test
    void theFormKeepsTheChainedRole(JenkinsConfiguredWithCodeRule r) throws Exception {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        config.setMappings(List.of(chained()));
        List<TrustMapping> before = config.trustMappings().all();

        r.configRoundtrip();

        assertThat(config.trustMappings().all()).isEqualTo(before);
        assertThat(config.trustMappings().all().get(0).chainedRoleArn()).isEqualTo(TARGET);
    }

    @Test
    void theFormCheckNamesWhatToFix(JenkinsConfiguredWithCodeRule r) {
        AwsRoleMapping.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(AwsRoleMapping.DescriptorImpl.class);

        assertThat(descriptor.doCheckChainedRoleArn("", HUB, "7200").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckChainedRoleArn(TARGET, HUB, "").kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation tooLong = descriptor.doCheckChainedRoleArn(TARGET, HUB, "7200");
        assertThat(tooLong.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(tooLong.getMessage()).contains("role chaining to 3600 seconds");
        FormValidation itself = descriptor.doCheckChainedRoleArn(HUB, HUB, "3600");
        assertThat(itself.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(itself.getMessage()).contains("the mapping");
        assertThat(descriptor.doCheckChainedRoleArn("arn:aws:iam::210987654321:user/bob", HUB, "900").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
    }

    private static AwsRoleMapping chained() {
        AwsRoleMapping mapping = new AwsRoleMapping("deploy", HUB);
        mapping.setJobs("team/app/*");
        mapping.setChainedRoleArn(TARGET);
        return mapping;
    }
}
