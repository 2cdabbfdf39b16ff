package io.jenkins.plugins.awsrole.engine.trustcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exports against golden files (reviewed by hand, see the resources next to this class's package), and the facts
 * they must contain checked on their own, so a wrong golden file cannot hide a wrong export.
 */
class TrustExportTest {

    private static final String PROVIDER_ARN =
            "arn:aws:iam::111122223333:oidc-provider/jenkins.example.com/aws-oidc-role";

    private static String golden(String name) throws IOException {
        try (InputStream in = TrustExportTest.class.getResourceAsStream(name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void cloudFormationMatchesTheGoldenFile() throws IOException {
        assertThat(CloudFormationExport.render(ExampleMappings.plan())).isEqualTo(golden("cloudformation.yaml"));
    }

    @Test
    void terraformMatchesTheGoldenFile() throws IOException {
        assertThat(TerraformExport.render(ExampleMappings.plan())).isEqualTo(golden("terraform.tf"));
    }

    @Test
    void trustPoliciesMatchTheGoldenFiles() throws IOException {
        Map<String, String> byRole = TrustPolicyExport.byRole(ExampleMappings.plan());
        assertThat(byRole.keySet())
                .containsExactly(
                        "arn:aws:iam::111122223333:role/app-deploy", "arn:aws:iam::111122223333:role/ci/app-build");
        assertThat(byRole.get("arn:aws:iam::111122223333:role/app-deploy")).isEqualTo(golden("trust-app-deploy.json"));
        assertThat(byRole.get("arn:aws:iam::111122223333:role/ci/app-build")).isEqualTo(golden("trust-app-build.json"));
        assertThat(TrustPolicyExport.forStage(ExampleMappings.plan(), "rollback"))
                .contains(golden("trust-app-deploy.json"));
        assertThat(TrustPolicyExport.forStage(ExampleMappings.plan(), "nope")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void allRolesJsonHoldsEachRolesPolicyKeyedByArn() throws Exception {
        TrustPlan plan = ExampleMappings.plan();
        Map<String, Object> all = JSONObjectUtils.parse(TrustPolicyExport.allRolesJson(plan));

        assertThat(all.keySet())
                .containsExactlyInAnyOrder(
                        "arn:aws:iam::111122223333:role/app-deploy", "arn:aws:iam::111122223333:role/ci/app-build");
        for (Map.Entry<String, String> entry : TrustPolicyExport.byRole(plan).entrySet()) {
            assertThat(all.get(entry.getKey())).isEqualTo(JSONObjectUtils.parse(entry.getValue()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTrustPolicyPinsProviderAudienceSubAndTheActionsTheMappingNeeds() throws Exception {
        String json =
                TrustPolicyExport.forStage(ExampleMappings.plan(), "deploy").orElseThrow();
        Map<String, Object> doc = JSONObjectUtils.parse(json);
        List<Object> statements = (List<Object>) doc.get("Statement");
        assertThat(statements).hasSize(2);
        Map<String, Object> deploy = (Map<String, Object>) statements.get(0);
        assertThat(deploy.get("Principal")).isEqualTo(Map.of("Federated", PROVIDER_ARN));
        assertThat((List<Object>) deploy.get("Action"))
                .containsExactlyInAnyOrder("sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity");
        Map<String, Object> condition = (Map<String, Object>) deploy.get("Condition");
        assertThat(condition.get("StringEquals"))
                .isEqualTo(Map.of("jenkins.example.com/aws-oidc-role:aud", "sts.amazonaws.com"));
        assertThat(condition.get("StringLike"))
                .isEqualTo(Map.of("jenkins.example.com/aws-oidc-role:sub", List.of("job:team/app/main:stage:deploy")));
        Map<String, Object> rollback = (Map<String, Object>) statements.get(1);
        assertThat((List<Object>) rollback.get("Action")).containsExactly("sts:AssumeRoleWithWebIdentity");
        assertThat(((Map<String, Object>) rollback.get("Condition")).get("StringEquals"))
                .isEqualTo(Map.of("jenkins.example.com/aws-oidc-role:aud", "jenkins-rollback"));
    }

    @Test
    void templatesCarryEveryAudienceTheLongestSessionAndTheRevokerPolicy() {
        TrustPlan plan = ExampleMappings.plan();
        String cfn = CloudFormationExport.render(plan);
        assertThat(cfn)
                .contains("Type: \"AWS::IAM::OIDCProvider\"")
                .contains("        - \"jenkins-rollback\"\n        - \"sts.amazonaws.com\"\n")
                .doesNotContain("ThumbprintList")
                .contains("Federated: !Ref JenkinsOidcProvider")
                .contains("MaxSessionDuration: 7200")
                .contains("Type: \"AWS::IAM::RolePolicy\"")
                .contains("RoleName: \"aws-oidc-role-revoker\"");
        String tf = TerraformExport.render(plan);
        assertThat(tf)
                .contains("resource \"aws_iam_openid_connect_provider\" \"jenkins\"")
                .contains("client_id_list = [\"jenkins-rollback\", \"sts.amazonaws.com\"]")
                .contains("\"Federated\" = aws_iam_openid_connect_provider.jenkins.arn")
                .contains("max_session_duration = 7200")
                .contains("path                 = \"/ci/\"")
                // The '$' of the job pattern is encoded like a job name in sub: no Terraform interpolation, no IAM
                // policy variable can come of it.
                .contains("job:ops/rollback=24app:stage:rollback")
                .doesNotContain("rollback$app:stage");
        assertThat(plan.revoker().targets()).extracting(t -> t.name()).containsExactly("app-deploy");
    }

    @Test
    void theOrderOfTheMappingsDoesNotChangeTheExport() {
        List<TrustMapping> shuffled = new ArrayList<>(ExampleMappings.mappings().all());
        Collections.reverse(shuffled);
        TrustPlan reversed = TrustPlan.of(
                TrustMappings.of(shuffled, List.of(ExampleMappings.REVOKER)),
                ExampleMappings.ISSUER,
                ExampleMappings.REVOKER);
        assertThat(CloudFormationExport.render(reversed))
                .isEqualTo(CloudFormationExport.render(ExampleMappings.plan()));
        assertThat(TerraformExport.render(reversed)).isEqualTo(TerraformExport.render(ExampleMappings.plan()));
    }

    @Test
    void rolesInSeveralAccountsAreExportedOneAccountAtATime() {
        TrustMappings twoAccounts = TrustMappings.of(List.of(
                TrustMapping.builder()
                        .stage("a")
                        .roleArn("arn:aws:iam::111122223333:role/a")
                        .jobs("x")
                        .build(),
                TrustMapping.builder()
                        .stage("b")
                        .roleArn("arn:aws:iam::444455556666:role/b")
                        .jobs("y")
                        .build()));
        TrustPlan plan = TrustPlan.of(twoAccounts, ExampleMappings.ISSUER, null);

        assertThatThrownBy(() -> CloudFormationExport.render(plan))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 AWS accounts (111122223333, 444455556666)");
        TrustPlan second = plan.forAccount("444455556666");
        assertThat(second.roles()).extracting(r -> r.arn().name()).containsExactly("b");
        assertThat(TerraformExport.render(second))
                .contains("name                 = \"b\"")
                .doesNotContain("\"a\"");
    }

    @Test
    void mappingsWithErrorsAreNotExported() {
        TrustMappings broken = TrustMappings.of(List.of(TrustMapping.builder()
                .stage("deploy")
                .roleArn("not-an-arn")
                .jobs("x")
                .build()));
        assertThatThrownBy(() -> TrustPlan.of(broken, ExampleMappings.ISSUER, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fix them before exporting")
                .hasMessageContaining("not-an-arn");
    }
}
