package io.jenkins.plugins.awsrole.engine.trustcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exported trust policies, loaded into the local AWS account, against a matrix of jobs and stages: AWS must admit
 * every build the mappings admit, and refuse everything else except where IAM's {@code *} is documented to be wider
 * (a {@code *} within a segment also crosses {@code /}).
 */
class ExportedTrustInAwsTest {

    private static final String AUD = "sts.amazonaws.com";

    private TrustWorld world;
    private TrustMappings mappings;

    @BeforeEach
    void apply() throws Exception {
        world = new TrustWorld(AUD, "jenkins-rollback");
        List<TrustMapping> list = List.of(
                TrustWorld.mapping("build", "app-build", "team/app/*", "tools/**/lint-?")
                        .build(),
                TrustWorld.mapping("deploy", "app-deploy", "team/app/main").build(),
                TrustWorld.mapping("rollback", "app-deploy", "ops/rollback")
                        .audience("jenkins-rollback")
                        .sessionDurationSeconds(7200)
                        .build());
        mappings = TrustMappings.of(list);
        world.applyExport(TrustPlan.of(mappings, world.issuerUrl, null));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private static final List<String> JOBS = List.of(
            "team/app/main",
            "team/app/feature-x",
            "team/app/feature/x",
            "team/app",
            "team/other",
            "team/app2/main",
            "evil/team/app/main",
            "tools/lint-1",
            "tools/a/b/lint-1",
            "tools/a/lint-12",
            "ops/rollback",
            "ops/rollback2",
            // Names that spell the subject's separator or need encoding.
            "team/app/main:stage:deploy",
            "tools/a/lint-\u00E9");

    private record Case(String stage, String job, String role) {
        @Override
        public String toString() {
            return stage + " " + job + " -> " + role;
        }
    }

    @Test
    void awsAdmitsWhatTheMappingsAdmitAndIsWiderOnlyWhereDocumented() throws Exception {
        List<String> awsOnly = new ArrayList<>();
        List<String> bothAdmit = new ArrayList<>();
        for (TrustMapping mapping : mappings.all()) {
            String role = mapping.roleArn().substring(mapping.roleArn().indexOf('/') + 1);
            for (String job : JOBS) {
                boolean plugin = mappings.decide(mapping.stage(), BuildIdentity.ofJob(job, 1, null))
                        .isAllowed();
                boolean aws = world.awsAdmits(mapping.stage(), job, role, mapping.audience());
                Case c = new Case(mapping.stage(), job, role);
                assertThat(!plugin || aws)
                        .as("AWS must admit what the mapping admits: " + c)
                        .isTrue();
                if (aws && plugin) {
                    bothAdmit.add(c.toString());
                } else if (aws) {
                    awsOnly.add(c.toString());
                }
            }
        }
        assertThat(bothAdmit)
                .containsExactlyInAnyOrder(
                        "build team/app/main -> app-build",
                        "build team/app/feature-x -> app-build",
                        "build tools/lint-1 -> app-build",
                        "build tools/a/b/lint-1 -> app-build",
                        "build team/app/main:stage:deploy -> app-build",
                        "build tools/a/lint-\u00E9 -> app-build",
                        "deploy team/app/main -> app-deploy",
                        "rollback ops/rollback -> app-deploy");
        // The documented differences: IAM's '*' crosses '/', the plugin's does not, and the plugin's '?' is IAM's '*'
        // (one character of a name may take several once encoded). The plugin still refuses both.
        assertThat(awsOnly)
                .containsExactlyInAnyOrder(
                        "build team/app/feature/x -> app-build", "build tools/a/lint-12 -> app-build");
    }

    @Test
    void aTokenForOneStageDoesNotOpenAnotherStagesRole() throws Exception {
        // team/app/main may use both build and deploy, but each token names its stage in sub.
        assertThat(world.awsAdmits("build", "team/app/main", "app-deploy", AUD)).isFalse();
        assertThat(world.awsAdmits("deploy", "team/app/main", "app-build", AUD)).isFalse();
        // ops/rollback's token with the default audience is not the rollback statement's audience.
        assertThat(world.awsAdmits("rollback", "ops/rollback", "app-deploy", AUD))
                .isFalse();
        assertThat(world.awsAdmits("rollback", "ops/rollback", "app-deploy", "jenkins-rollback"))
                .isTrue();
    }

    @Test
    void theRoleGetsTheLongestSessionOfItsStages() {
        assertThat(world.aws.role("app-deploy").maxSessionDurationSeconds()).isEqualTo(7200);
        assertThat(world.aws.role("app-build").maxSessionDurationSeconds()).isEqualTo(3600);
    }
}
