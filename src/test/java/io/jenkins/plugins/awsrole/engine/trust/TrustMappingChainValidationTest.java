package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chained role of a mapping, as the validator checks it when the mapping is saved. */
class TrustMappingChainValidationTest {

    private static final String HUB = "arn:aws:iam::123456789012:role/jenkins-hub";
    private static final String TARGET = "arn:aws:iam::210987654321:role/deploy";

    private static TrustMapping.Builder mapping() {
        return TrustMapping.builder().stage("deploy").roleArn(HUB).jobs(List.of("app/*"));
    }

    private static List<Problem> errors(TrustMapping mapping) {
        return TrustMappingValidator.validate(mapping).errors();
    }

    @Test
    void aChainedRoleOfAnotherAccountWithinTheHourIsValid() {
        TrustMapping mapping = mapping()
                .chainedRoleArn(" " + TARGET + " ")
                .sessionDurationSeconds(3600)
                .build();

        assertThat(errors(mapping)).isEmpty();
        assertThat(mapping.chainedRoleArn()).isEqualTo(TARGET);
        assertThat(mapping.chained()).isTrue();
        assertThat(mapping.blockRoleArn()).isEqualTo(TARGET);
        assertThat(mapping.toBuilder().build()).isEqualTo(mapping);
    }

    @Test
    void noChainedRoleIsTheDefault() {
        TrustMapping mapping =
                mapping().chainedRoleArn("  ").sessionDurationSeconds(7200).build();

        assertThat(mapping.chained()).isFalse();
        assertThat(mapping.blockRoleArn()).isEqualTo(HUB);
        assertThat(errors(mapping)).isEmpty();
    }

    @Test
    void aChainedSessionLongerThanAnHourIsRefusedWithWhatToDo() {
        List<Problem> errors = errors(
                mapping().chainedRoleArn(TARGET).sessionDurationSeconds(3601).build());

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo(MappingField.SESSION_DURATION);
        assertThat(errors.get(0).message())
                .contains("3601 seconds")
                .contains("role chaining to 3600 seconds")
                .contains("Set 3600 or less, or remove the chained role");
    }

    @Test
    void aChainedRoleThatIsNoRoleArnIsRefused() {
        List<Problem> errors = errors(
                mapping().chainedRoleArn("arn:aws:iam::210987654321:user/bob").build());

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo(MappingField.CHAINED_ROLE_ARN);
        assertThat(errors.get(0).message()).startsWith("The chained role: ");
    }

    @Test
    void theMappingsOwnRoleCannotBeChainedToItself() {
        List<Problem> errors = errors(mapping()
                .chainedRoleArn("arn:aws:iam::123456789012:role/ci/Jenkins-Hub")
                .build());

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo(MappingField.CHAINED_ROLE_ARN);
        assertThat(errors.get(0).message()).contains("the mapping's own role");
    }

    @Test
    void aChainedRoleOfAnotherPartitionIsRefused() {
        List<Problem> errors = errors(mapping()
                .chainedRoleArn("arn:aws-cn:iam::210987654321:role/deploy")
                .build());

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).message()).contains("partition 'aws-cn'");
    }

    @Test
    void managedPoliciesBelongToTheChainedRolesAccount() {
        assertThat(errors(mapping()
                        .chainedRoleArn(TARGET)
                        .managedPolicyArns(List.of("arn:aws:iam::210987654321:policy/read"))
                        .build()))
                .isEmpty();
        assertThat(errors(mapping()
                        .chainedRoleArn(TARGET)
                        .managedPolicyArns(List.of("arn:aws:iam::123456789012:policy/read"))
                        .build()))
                .singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo(MappingField.MANAGED_POLICY_ARNS));
    }

    @Test
    void aReservedRoleOrItsNamesakeInAnotherAccountIsNeverChainedTo() {
        String revoker = "arn:aws:iam::123456789012:role/ops/jenkins-revoker";
        BuildIdentity build = new BuildIdentity("app/main", 1, null, "main", null, false, false);
        for (String chained : List.of(revoker, "arn:aws:iam::210987654321:role/Jenkins-Revoker")) {
            TrustMappings mappings =
                    TrustMappings.of(List.of(mapping().chainedRoleArn(chained).build()), List.of(revoker));

            AccessDecision decision = mappings.decide("deploy", build);

            assertThat(decision.isAllowed()).as(chained).isFalse();
            assertThat(decision.reason()).contains(DenialReason.RESERVED_ROLE);
            assertThat(decision.message()).contains("chains to role " + chained).contains("reserved");
            assertThat(mappings.validate().errors()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo(MappingField.CHAINED_ROLE_ARN);
                assertThat(p.message()).contains("no build may have it");
            });
        }
        TrustMappings other =
                TrustMappings.of(List.of(mapping().chainedRoleArn(TARGET).build()), List.of(revoker));
        assertThat(other.decide("deploy", build).isAllowed()).isTrue();
    }

    @Test
    void theFirstRoleOfAChainIsNeverTheRoleAnotherStagesBlockGets() {
        BuildIdentity build = new BuildIdentity("app/main", 1, null, "main", null, false, false);
        TrustMapping prod = TrustMapping.builder()
                .stage("prod")
                .roleArn(HUB)
                .chainedRoleArn(TARGET)
                .jobs(List.of("app/release"))
                .build();
        TrustMapping plain = mapping()
                .stage("build")
                .roleArn("arn:aws:iam::123456789012:role/ci/Jenkins-Hub")
                .build();
        TrustMapping chainedToHub = mapping()
                .stage("other")
                .roleArn("arn:aws:iam::123456789012:role/entry")
                .chainedRoleArn(HUB)
                .build();

        TrustMappings mappings = TrustMappings.of(List.of(prod, plain, chainedToHub), List.of());

        assertThat(mappings.validate().errors())
                .extracting(Problem::stage, Problem::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("build", MappingField.ROLE_ARN),
                        org.assertj.core.groups.Tuple.tuple("other", MappingField.CHAINED_ROLE_ARN));
        assertThat(mappings.validate().errors().get(0).message())
                .contains("is the first role of stage 'prod', which chains to " + TARGET)
                .contains("could assume " + TARGET + " itself");
        AccessDecision decision = mappings.decide("build", build);
        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.reason()).contains(DenialReason.INVALID_MAPPING);
        TrustMapping dev = mapping()
                .stage("dev")
                .chainedRoleArn("arn:aws:iam::210987654321:role/dev-deployer")
                .jobs(List.of("app/*"))
                .build();
        assertThat(TrustMappings.of(List.of(prod, dev), List.of())
                        .decide("dev", build)
                        .isAllowed())
                .as("two chained stages may share a first role: neither block gets its credentials")
                .isTrue();
    }
}
