package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.MappingField;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration checks its mappings as one set before accepting them, from the form and from JCasC. */
class MappingSetTest {

    @Test
    void validMappingsBecomeTheEnginesMappingsInOrder() {
        TrustMappings mappings = MappingSet.toTrustMappings(List.of(
                mapping("deploy", "arn:aws:iam::123456789012:role/deploy", "team/app/*"),
                mapping("read", "arn:aws:iam::123456789012:role/read", "team/**")));

        assertThat(mappings.validate().isClean()).isTrue();
        assertThat(mappings.all()).extracting(m -> m.stage()).containsExactly("deploy", "read");
        assertThat(mappings.stagesFor("team/app/main")).containsExactly("deploy", "read");
        assertThat(mappings.decide("deploy", BuildIdentity.ofJob("team/app/main", 1, null))
                        .isAllowed())
                .isTrue();
    }

    @Test
    void duplicateStageNamesAreRefusedNamingStageAndField() {
        Validation validation = MappingSet.validate(List.of(
                mapping("deploy", "arn:aws:iam::123456789012:role/a", "team/**"),
                mapping("Deploy", "arn:aws:iam::123456789012:role/b", "team/**")));

        assertThat(validation.hasErrors()).isTrue();
        assertThat(MappingSet.formError(validation))
                .startsWith("The configuration was not saved: the trust mappings have errors. Stage 'deploy', stage:"
                        + " Stage names must be unique, ignoring case")
                .endsWith("(and 1 more; each field shows its own)");
    }

    @Test
    void oneErrorIsReportedWithItsStageAndField() {
        Validation validation =
                MappingSet.validate(List.of(mapping("deploy", "arn:aws:iam::123456789012:user/deploy", "team/**")));

        assertThat(validation.errors())
                .singleElement()
                .satisfies(problem -> assertThat(problem.field()).isEqualTo(MappingField.ROLE_ARN));
        assertThat(MappingSet.formError(validation))
                .startsWith("The configuration was not saved: a trust mapping has an error. Stage 'deploy', roleArn: ")
                .contains("'user'");
    }

    @Test
    void aMappingWithoutJobsIsAnError() {
        AwsRoleMapping noJobs = new AwsRoleMapping("deploy", "arn:aws:iam::123456789012:role/deploy");

        Validation validation = MappingSet.validate(List.of(noJobs));

        assertThat(MappingSet.formError(validation)).contains("Stage 'deploy', jobs: No job may use this stage");
    }

    @Test
    void warningsAloneDoNotRefuse() {
        AwsRoleMapping everyJob = mapping("deploy", "arn:aws:iam::123456789012:role/deploy", "**");
        everyJob.setSessionDurationSeconds(7200);

        Validation validation = MappingSet.validate(List.of(everyJob));

        assertThat(validation.hasErrors()).isFalse();
        assertThat(validation.warnings())
                .extracting(problem -> problem.field())
                .containsExactlyInAnyOrder(MappingField.JOBS, MappingField.SESSION_DURATION);
    }

    @Test
    void jcascGetsEveryProblemOneALine() {
        AwsRoleMapping bad = mapping("bad name", "arn:aws:iam::123456789012:role/x", "**");
        bad.setRegion("EU-WEST-1");

        Validation validation = MappingSet.validate(List.of(bad));

        assertThat(MappingSet.casCError(validation))
                .startsWith("The trust mappings have errors and were not applied; fix these and apply again:\n")
                .contains("ERROR Stage 'bad name', stage: Stage name 'bad name' contains ' '.")
                .contains("ERROR Stage 'bad name', region: Region 'EU-WEST-1' must be lower case: 'eu-west-1'.")
                .contains("WARNING Stage 'bad name', jobs: '**' lets every job");
    }

    @Test
    void noMappingsIsAValidSet() {
        assertThat(MappingSet.validate(List.of()).isClean()).isTrue();
        assertThat(MappingSet.toTrustMappings(List.of()).all()).isEmpty();
    }

    @Test
    void aMappingThatNamesAReservedRoleIsAnErrorAndNeverGranted() {
        TrustMappings mappings = MappingSet.toTrustMappings(
                List.of(mapping("read", "arn:aws:iam::123456789012:role/drift-reader", "team/**")),
                List.of("arn:aws:iam::123456789012:role/drift-reader"));

        assertThat(mappings.validate().hasErrors()).isTrue();
        assertThat(mappings.decide("read", BuildIdentity.ofJob("team/app", 1, null))
                        .isAllowed())
                .isFalse();
    }

    static AwsRoleMapping mapping(String stage, String role, String jobs) {
        AwsRoleMapping mapping = new AwsRoleMapping(stage, role);
        mapping.setJobs(jobs);
        return mapping;
    }
}
