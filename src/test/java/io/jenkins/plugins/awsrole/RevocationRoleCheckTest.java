package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.DenialReason;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The revocation role setting: a role ARN or nothing, and never a role that a mapping names. */
class RevocationRoleCheckTest {

    private static final String REVOKER = "arn:aws:iam::123456789012:role/jenkins-revoker";

    @Test
    void blankMeansNoRevocationRole() {
        assertThat(AwsRoleConfiguration.checkRevocationRole("  ", List.of())).isNull();
        assertThat(AwsRoleConfiguration.checkRevocationRole(null, List.of())).isNull();
    }

    @Test
    void aRoleArnIsKeptStripped() {
        assertThat(AwsRoleConfiguration.checkRevocationRole(" " + REVOKER + " ", List.of()))
                .isEqualTo(REVOKER);
    }

    @Test
    void somethingElseIsRefusedSayingWhatToWrite() {
        assertThatThrownBy(() ->
                        AwsRoleConfiguration.checkRevocationRole("arn:aws:iam::123456789012:user/alice", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Revocation role: ");
    }

    @Test
    void aRoleThatAMappingNamesIsRefusedWithTheStage() {
        List<AwsRoleMapping> mappings =
                List.of(MappingSetTest.mapping("deploy", "arn:aws:iam::123456789012:role/path/Jenkins-Revoker", "**"));

        assertThatThrownBy(() -> AwsRoleConfiguration.checkRevocationRole(REVOKER, mappings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage 'deploy'")
                .hasMessageContaining("reserved");
    }

    @Test
    void theMappingSetRefusesAndTheDecisionDeniesTheReservedRole() {
        List<AwsRoleMapping> mappings = List.of(MappingSetTest.mapping("deploy", REVOKER, "**"));

        Validation validation = MappingSet.validate(mappings, List.of(REVOKER));

        assertThat(validation.hasErrors()).isTrue();
        assertThat(MappingSet.formError(validation)).contains("no build may have it");
        assertThat(MappingSet.toTrustMappings(mappings, List.of(REVOKER))
                        .decide("deploy", BuildIdentity.ofJob("team/app/main", 1, null))
                        .reason())
                .contains(DenialReason.RESERVED_ROLE);
    }
}
