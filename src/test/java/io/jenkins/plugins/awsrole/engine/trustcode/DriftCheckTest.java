package io.jenkins.plugins.awsrole.engine.trustcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.json.JsonWriter;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The drift check through the real IAM client against the local AWS account, signed with a session of a role that
 * has exactly the documented read-only policy. Every kind of drift is produced on purpose and must be named.
 */
class DriftCheckTest {

    private static final String AUD = "sts.amazonaws.com";
    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private TrustWorld world;
    private TrustPlan plan;

    @BeforeEach
    void start() throws Exception {
        world = new TrustWorld(AUD);
        plan = world.plan(
                TrustWorld.mapping("build", "app-build", "team/app/*").build(),
                TrustWorld.mapping("deploy", "app-deploy", "team/app/main")
                        .sessionTags(true)
                        .sessionDurationSeconds(7200)
                        .build());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private List<Drift> check() throws Exception {
        IamClient iam = world.reader(plan);
        return new DriftCheck(iam).check(plan);
    }

    private static List<DriftKind> kinds(List<Drift> drifts) {
        return drifts.stream().map(Drift::kind).toList();
    }

    private String trust(String subPattern, String... actions) {
        return FakeAws.trustPolicy(world.providerArn, AUD, subPattern, actions);
    }

    @Test
    void theExportedSideHasNoDrift() throws Exception {
        world.applyExport(plan);

        assertThat(check()).isEmpty();
    }

    /**
     * After the sub template changes, a role still on the policy of the old template is drift: its pattern admits no
     * sub of the new template (AWS refuses the stage) and is wider than the new patterns.
     */
    @Test
    void aRoleStillOnThePolicyOfTheOldTemplateIsDrift() throws Exception {
        world.applyExport(plan);
        plan = TrustPlan.of(
                TrustMappings.of(List.of(
                        TrustWorld.mapping("build", "app-build", "team/app/*").build(),
                        TrustWorld.mapping("deploy", "app-deploy", "team/app/main")
                                .sessionTags(true)
                                .sessionDurationSeconds(7200)
                                .build())),
                world.issuerUrl,
                null,
                SubjectTemplate.parse("job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch}"));

        List<Drift> drifts = check();

        assertThat(kinds(drifts))
                .containsExactlyInAnyOrder(
                        DriftKind.SUB_TOO_BROAD,
                        DriftKind.STAGE_NOT_TRUSTED,
                        DriftKind.SUB_TOO_BROAD,
                        DriftKind.STAGE_NOT_TRUSTED);
        assertThat(drifts)
                .filteredOn(d -> d.kind() == DriftKind.STAGE_NOT_TRUSTED)
                .allSatisfy(d -> assertThat(d.toString()).contains(":ref_type:branch:branch:*"));
    }

    @Test
    void aMissingProviderAndAMissingRoleAreNamed() throws Exception {
        world.aws.createRole(
                "app-build", PolicyDocuments.trustPolicyJson(plan.roles().get(0)));
        IamClient iam = world.reader(plan); // the reader's own session exists before the provider goes
        world.aws.deleteOidcProvider(world.issuerUrl.value());

        List<Drift> drifts = new DriftCheck(iam).check(plan);

        assertThat(kinds(drifts)).containsExactly(DriftKind.PROVIDER_MISSING, DriftKind.ROLE_MISSING);
        assertThat(drifts.get(0).resource()).isEqualTo(world.providerArn);
        assertThat(drifts.get(0).fix()).contains("create-open-id-connect-provider --url " + world.issuerUrl.value());
        assertThat(drifts.get(1).resource()).isEqualTo(TrustWorld.roleArn("app-deploy"));
        assertThat(drifts.get(1).stages()).isEqualTo("deploy");
    }

    @Test
    void aProviderWithoutTheMappingsAudienceIsNamed() throws Exception {
        plan = world.plan(TrustWorld.mapping("build", "app-build", "team/app/*")
                .audience("jenkins-build")
                .build());
        world.applyExport(plan);

        List<Drift> drifts = check();

        assertThat(kinds(drifts)).containsExactly(DriftKind.PROVIDER_AUDIENCE_MISSING);
        assertThat(drifts.get(0).found()).contains("[sts.amazonaws.com]");
        assertThat(drifts.get(0).fix()).contains("--client-id jenkins-build");
    }

    @Test
    void subWildcardsWiderThanTheMappingAreNamed() throws Exception {
        world.applyExport(plan);
        world.aws.role("app-build").trustPolicy(trust("*"));
        world.aws.role("app-deploy").trustPolicy(trust("job:*", "sts:TagSession"));

        List<Drift> drifts = check();

        assertThat(drifts).filteredOn(d -> d.kind() == DriftKind.SUB_TOO_BROAD).hasSize(2);
        assertThat(drifts.get(0).found()).contains("'*'");
        assertThat(drifts.get(0).kind().widensAccess()).isTrue();
        assertThat(drifts).extracting(Drift::found).anyMatch(f -> f.contains("'job:*'"));
        // Too wide is not too narrow: the stages are still admitted.
        assertThat(kinds(drifts)).doesNotContain(DriftKind.STAGE_NOT_TRUSTED);
    }

    /** A trust policy written before names were encoded in sub names the job as Jenkins does, with its '%'. */
    @Test
    void aPolicyNamingAMultibranchJobUnencodedLeavesTheStageUntrusted() throws Exception {
        plan = world.plan(TrustWorld.mapping("deploy", "app-deploy", "team/app/feature%2Flogin")
                .build());
        world.applyExport(plan);
        world.aws.role("app-deploy").trustPolicy(trust("job:team/app/feature%2Flogin:stage:deploy"));

        List<Drift> drifts = check();

        // Not trusted: no token carries that sub. And, being no pattern the mappings make, it is reported as possibly
        // too broad too (the check cannot tell that it admits nothing).
        assertThat(kinds(drifts)).containsExactlyInAnyOrder(DriftKind.SUB_TOO_BROAD, DriftKind.STAGE_NOT_TRUSTED);
        assertThat(drifts)
                .filteredOn(d -> d.kind() == DriftKind.STAGE_NOT_TRUSTED)
                .singleElement()
                .satisfies(d -> assertThat(d.expected()).contains("job:team/app/feature=252Flogin:stage:deploy"));
    }

    @Test
    void aSubPatternNarrowerThanTheMappingLeavesTheStageUntrusted() throws Exception {
        world.applyExport(plan);
        world.aws.role("app-build").trustPolicy(trust("job:team/app/main:stage:build"));

        List<Drift> drifts = check();

        assertThat(kinds(drifts)).containsExactly(DriftKind.STAGE_NOT_TRUSTED);
        assertThat(drifts.get(0).stages()).isEqualTo("build");
        assertThat(drifts.get(0).kind().widensAccess()).isFalse();
        assertThat(drifts.get(0).expected()).contains("job:team/app/*:stage:build");
    }

    @Test
    void foreignPrincipalsMissingAudienceAndExtraActionsAreNamed() throws Exception {
        world.applyExport(plan);
        String github = "arn:aws:iam::" + TrustWorld.ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com";
        String prefix = world.providerArn.substring(world.providerArn.indexOf('/') + 1);
        world.aws
                .role("app-build")
                .trustPolicy("{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + github + "\"},"
                        + "\"Action\":\"sts:AssumeRoleWithWebIdentity\"},"
                        + "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + world.providerArn + "\"},"
                        + "\"Action\":[\"sts:AssumeRoleWithWebIdentity\",\"sts:AssumeRole\"],"
                        + "\"Condition\":{\"StringLike\":{\"" + prefix + ":sub\":\"job:team/app/*:stage:build\"}}}]}");

        List<Drift> drifts = check();

        assertThat(kinds(drifts))
                .containsExactly(DriftKind.FOREIGN_PRINCIPAL, DriftKind.AUDIENCE_NOT_PINNED, DriftKind.ACTION_EXTRA);
        assertThat(drifts.get(0).found()).contains(github);
        assertThat(drifts.get(1).expected()).contains(prefix + ":aud = sts.amazonaws.com");
        assertThat(drifts.get(2).found()).contains("sts:AssumeRole'");
        assertThat(drifts).allMatch(d -> d.kind().widensAccess());
    }

    @Test
    void aWildcardActionAndAnyPrincipalAreNamed() throws Exception {
        world.applyExport(plan);
        String prefix = world.providerArn.substring(world.providerArn.indexOf('/') + 1);
        world.aws
                .role("app-build")
                .trustPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"sts:*\",\"Condition\":{\"StringEquals\":{\"" + prefix + ":aud\":\"" + AUD
                        + "\"}}}]}");

        List<Drift> drifts = check();

        // "Principal": "*" is not the provider, so only the principal is reported; the stage is then not admitted.
        assertThat(kinds(drifts)).containsExactly(DriftKind.FOREIGN_PRINCIPAL, DriftKind.STAGE_NOT_TRUSTED);
        assertThat(drifts.get(0).found()).contains("any principal");
    }

    @Test
    void missingTagSessionAndAShortMaximumSessionAreNamed() throws Exception {
        world.aws.createRole(
                "app-build", PolicyDocuments.trustPolicyJson(plan.roles().get(0)));
        world.aws.createRole("app-deploy", trust("job:team/app/main:stage:deploy"), 3600);

        List<Drift> drifts = check();

        assertThat(kinds(drifts)).containsExactly(DriftKind.ACTION_MISSING, DriftKind.MAX_SESSION_TOO_SHORT);
        assertThat(drifts.get(0).expected()).contains("sts:TagSession").contains("session tags");
        assertThat(drifts.get(1).found()).isEqualTo("MaxSessionDuration 3600");
        assertThat(drifts.get(1).fix()).endsWith("--max-session-duration 7200");
    }

    @Test
    void wildcardInlineAndSessionPoliciesAreNamed() throws Exception {
        plan = world.plan(TrustWorld.mapping("build", "app-build", "team/app/*")
                .sessionPolicy(ALLOW_ALL)
                .build());
        world.applyExport(plan);
        world.aws.putRolePolicy("app-build", "admin", ALLOW_ALL);
        world.aws.putRolePolicy(
                "app-build",
                "AwsOidcRoleRevocations",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:userid\":\"AROAX:s\"}}}]}");

        List<Drift> drifts = check();

        // The revocation Deny is "*" on "*" too, but it denies: not a finding.
        assertThat(kinds(drifts)).containsExactly(DriftKind.WILDCARD_INLINE_POLICY, DriftKind.WILDCARD_SESSION_POLICY);
        assertThat(drifts.get(0).found()).contains("'admin'");
    }

    @Test
    void whatTheReaderMayNotReadIsReportedWithThePermissionToAdd() throws Exception {
        world.applyExport(plan);
        IamClient iam = world.reader("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"iam:GetRole\",\"iam:ListRolePolicies\"],\"Resource\":\"*\"}]}");
        world.aws.putRolePolicy("app-build", "extra", ALLOW_ALL);

        List<Drift> drifts = new DriftCheck(iam).check(plan);

        assertThat(kinds(drifts)).containsExactly(DriftKind.UNREADABLE, DriftKind.UNREADABLE);
        assertThat(drifts.get(0).found()).isEqualTo("iam:GetOpenIDConnectProvider failed with AccessDenied");
        assertThat(drifts.get(0).fix()).contains("allow iam:GetOpenIDConnectProvider on " + world.providerArn);
        assertThat(drifts.get(1).found()).isEqualTo("iam:GetRolePolicy failed with AccessDenied");
    }

    @Test
    void theReadOnlyPolicyNamesOnlyReadsOnThePlansResources() {
        String policy = JsonWriter.toText(PolicyDocuments.driftReaderPolicy(plan));

        assertThat(policy)
                .contains("\"Action\": [\"iam:GetRole\", \"iam:GetRolePolicy\", \"iam:ListRolePolicies\"]")
                .contains("\"Action\": [\"iam:GetOpenIDConnectProvider\"]")
                .contains(TrustWorld.roleArn("app-build"))
                .contains(world.providerArn)
                .doesNotContain("Put")
                .doesNotContain("Delete")
                .doesNotContain("\"*\"");
    }
}
