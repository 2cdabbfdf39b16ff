package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The form's and JCasC's view of a mapping, and its conversion to the engine's {@link TrustMapping}. */
class AwsRoleMappingTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/deploy";
    private static final String POLICY = "{\"Version\": \"2012-10-17\", \"Statement\": []}";

    @Test
    void everyFieldReachesTheEngine() {
        AwsRoleMapping mapping = new AwsRoleMapping(" deploy ", " " + ROLE + " ");
        mapping.setRegion(" eu-west-1 ");
        mapping.setSessionDurationSeconds(1800);
        mapping.setSessionPolicy(POLICY);
        mapping.setManagedPolicyArns(
                "arn:aws:iam::aws:policy/ReadOnlyAccess\r\narn:aws:iam::123456789012:policy/deploy\n");
        mapping.setAudience(" my-audience ");
        mapping.setJobs("team/app/*\n\nteam/lib/**");
        mapping.setBranches(" main \nrelease/*");
        mapping.setTags("v*\r\n release/** ");
        mapping.setChangeRequestsAllowed(true);
        mapping.setForkChangeRequestsAllowed(true);
        mapping.setReplaysAllowed(true);
        mapping.setSessionTags(true);
        mapping.setSourceIdentity(true);
        mapping.setRevocation(true);

        TrustMapping converted = mapping.toTrustMapping();

        assertThat(converted)
                .isEqualTo(TrustMapping.builder()
                        .stage("deploy")
                        .roleArn(ROLE)
                        .region("eu-west-1")
                        .sessionDurationSeconds(1800)
                        .sessionPolicy(POLICY)
                        .managedPolicyArns(List.of(
                                "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::123456789012:policy/deploy"))
                        .audience("my-audience")
                        .jobs("team/app/*", "team/lib/**")
                        .branches("main", "release/*")
                        .tags("v*", "release/**")
                        .changeRequestsAllowed(true)
                        .forkChangeRequestsAllowed(true)
                        .replaysAllowed(true)
                        .sessionTags(true)
                        .sourceIdentity(true)
                        .revocation(true)
                        .build());
    }

    @Test
    void aNewMappingHasTheEnginesDefaults() {
        AwsRoleMapping mapping = new AwsRoleMapping("deploy", ROLE);
        mapping.setJobs("team/**");

        assertThat(mapping.toTrustMapping())
                .isEqualTo(TrustMapping.builder()
                        .stage("deploy")
                        .roleArn(ROLE)
                        .jobs("team/**")
                        .build());
        assertThat(mapping.getRegion()).isNull();
        assertThat(mapping.getSessionDurationSeconds()).as("empty: the default").isNull();
        assertThat(mapping.toTrustMapping().sessionDurationSeconds())
                .isEqualTo(TrustMapping.DEFAULT_SESSION_DURATION_SECONDS);
        assertThat(mapping.getSessionPolicy()).isNull();
        assertThat(mapping.getManagedPolicyArns()).isEmpty();
        assertThat(mapping.getAudience()).isEqualTo("sts.amazonaws.com");
        assertThat(mapping.getBranches()).isEmpty();
        assertThat(mapping.getTags()).isEmpty();
        assertThat(mapping.isChangeRequestsAllowed()).isFalse();
        assertThat(mapping.isForkChangeRequestsAllowed()).isFalse();
        assertThat(mapping.isReplaysAllowed()).isFalse();
        assertThat(mapping.isSessionTags()).isFalse();
        assertThat(mapping.isSourceIdentity()).isFalse();
        assertThat(mapping.isRevocation()).isFalse();
    }

    @Test
    void blankValuesMeanTheDefault() {
        AwsRoleMapping mapping = new AwsRoleMapping("deploy", ROLE);
        mapping.setRegion("  ");
        mapping.setSessionPolicy(" \n ");
        mapping.setAudience("");
        mapping.setBranches("\r\n");
        mapping.setManagedPolicyArns(null);

        TrustMapping converted = mapping.toTrustMapping();

        assertThat(converted.region()).isNull();
        assertThat(converted.sessionPolicy()).isNull();
        assertThat(converted.audience()).isEqualTo(TrustMapping.DEFAULT_AUDIENCE);
        assertThat(converted.branches()).isEmpty();
        assertThat(converted.managedPolicyArns()).isEmpty();
        assertThat(mapping.getRegion()).isNull();
        assertThat(mapping.getSessionPolicy()).isNull();
        assertThat(mapping.getAudience()).isEqualTo(TrustMapping.DEFAULT_AUDIENCE);
    }

    @Test
    void listsReadBackOneALine() {
        AwsRoleMapping mapping = new AwsRoleMapping("deploy", ROLE);
        mapping.setJobs("  team/a/**\r\n\r\nteam/b  ");
        mapping.setBranches("main\rdev");
        mapping.setManagedPolicyArns("arn:aws:iam::aws:policy/ReadOnlyAccess\n");

        assertThat(mapping.getJobs()).isEqualTo("team/a/**\nteam/b");
        assertThat(mapping.getBranches()).isEqualTo("main\ndev");
        assertThat(mapping.getManagedPolicyArns()).isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
    }

    @Test
    void theSessionPolicyIsKeptAsWrittenSoMessagesPointAtTheRightLine() {
        String policy = "{\n  \"Statement\": [\n  ]\n}\n";
        AwsRoleMapping mapping = new AwsRoleMapping("deploy", ROLE);
        mapping.setSessionPolicy(policy);

        assertThat(mapping.getSessionPolicy()).isEqualTo(policy);
        assertThat(mapping.toTrustMapping().sessionPolicy()).isEqualTo(policy);
    }

    @Test
    void theSessionPolicyGetsUniformLineBreaksAsBrowsersSendCrLf() {
        AwsRoleMapping mapping = new AwsRoleMapping("deploy", ROLE);
        mapping.setSessionPolicy("{\r\n  \"Statement\": []\r}");

        assertThat(mapping.getSessionPolicy()).isEqualTo("{\n  \"Statement\": []\n}");
    }

    @Test
    void missingStageAndRoleBecomeEmptyForTheValidatorToName() {
        TrustMapping converted = new AwsRoleMapping(null, null).toTrustMapping();

        assertThat(converted.stage()).isEmpty();
        assertThat(converted.roleArn()).isEmpty();
        assertThat(converted.jobs()).isEmpty();
    }

    @Test
    void aMappingLoadedWithoutSomeFieldsGetsTheirDefaults() throws Exception {
        // XStream does not run constructors or field initializers: fields absent from the XML stay null.
        AwsRoleMapping mapping = new AwsRoleMapping("deploy", ROLE);
        for (String name : new String[] {"managedPolicyArns", "jobs", "branches", "tags", "audience"}) {
            Field field = AwsRoleMapping.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(mapping, null);
        }

        AwsRoleMapping resolved = (AwsRoleMapping) mapping.readResolve();

        assertThat(resolved.getJobs()).isEmpty();
        assertThat(resolved.getBranches()).isEmpty();
        assertThat(resolved.getTags())
                .as("mappings saved before tags existed admit no tag")
                .isEmpty();
        assertThat(resolved.toTrustMapping().tags()).isEmpty();
        assertThat(resolved.getManagedPolicyArns()).isEmpty();
        assertThat(resolved.getAudience()).isEqualTo(TrustMapping.DEFAULT_AUDIENCE);
        assertThat(resolved.toTrustMapping().audience()).isEqualTo(TrustMapping.DEFAULT_AUDIENCE);
    }
}
