package io.jenkins.plugins.awsrole.engine.trustcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.jenkins.plugins.awsrole.engine.trust.FolderLimits;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exports describe the folders' mappings too, with their job patterns rooted at their folder. */
class FolderTrustPlanTest {

    private static final String TEAM_ROLE = "arn:aws:iam::111122223333:role/team-deploy";
    private static final String BEYOND = "arn:aws:iam::111122223333:role/admin";

    private static TrustMappings withFolder(TrustMappings folder) {
        return TrustMappings.of(List.of()).withFolders(new TrustMappings.FolderSource() {
            @Override
            public List<TrustMappings> enclosing(String jobFullName) {
                return List.of(folder);
            }

            @Override
            public List<TrustMappings> all() {
                return List.of(folder);
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFolderMappingIsExportedWithItsPatternsBehindTheFolderAndOneBeyondTheLimitsIsLeftOut() throws Exception {
        FolderLimits limits = new FolderLimits(List.of("arn:aws:iam::111122223333:role/team-*"), List.of(), 3600);
        TrustMappings folder = TrustMappings.forFolder(
                "teams/pay",
                List.of(
                        TrustMapping.builder()
                                .stage("deploy")
                                .roleArn(TEAM_ROLE)
                                .jobs("app/*")
                                .build(),
                        TrustMapping.builder()
                                .stage("admin")
                                .roleArn(BEYOND)
                                .jobs("**")
                                .build()),
                List.of(),
                limits);

        TrustPlan plan = TrustPlan.of(withFolder(folder), ExampleMappings.ISSUER, null);

        assertThat(plan.roles()).extracting(r -> r.arn().arn()).containsExactly(TEAM_ROLE);
        Map<String, Object> doc =
                JSONObjectUtils.parse(TrustPolicyExport.forStage(plan, "deploy").orElseThrow());
        Map<String, Object> statement = (Map<String, Object>) ((List<Object>) doc.get("Statement")).get(0);
        assertThat(((Map<String, Object>) statement.get("Condition")).get("StringLike"))
                .isEqualTo(
                        Map.of("jenkins.example.com/aws-oidc-role:sub", List.of("job:teams/pay/app/*:stage:deploy")));
        assertThat(TrustPolicyExport.forStage(plan, "admin")).isEmpty();
    }
}
