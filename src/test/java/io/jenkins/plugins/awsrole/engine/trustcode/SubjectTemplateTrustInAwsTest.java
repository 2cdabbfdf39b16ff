package io.jenkins.plugins.awsrole.engine.trustcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.oidc.SessionTags;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.session.BrokerSettings;
import io.jenkins.plugins.awsrole.engine.session.TrialRecorder;
import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a {@code sub} template that carries the branch, the kind of ref and the replay flag, the exported trust policies
 * let AWS itself refuse what the mappings refuse by branch, tag, change request and replay: checked against the local
 * AWS account for a matrix of builds, and by the probe, which AWS now answers {@code AccessDenied} where under the
 * default template it could only say that AWS cannot tell the build from an admitted one.
 */
class SubjectTemplateTrustInAwsTest {

    private static final String AUD = "sts.amazonaws.com";
    private static final SubjectTemplate TEMPLATE = SubjectTemplate.parse(
            "job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch}:tag:${tag}:replay:${replay}");

    private TrustWorld world;
    private TrustMappings mappings;
    private final TrialRecorder heard = new TrialRecorder();

    @BeforeEach
    void apply() throws Exception {
        world = new TrustWorld(AUD);
        mappings = TrustMappings.of(List.of(
                TrustWorld.mapping("deploy", "app-deploy", "team/app/*")
                        .branches("main", "release/*")
                        .tags("v*")
                        .build(),
                TrustWorld.mapping("build", "app-build", "team/app/*")
                        .changeRequestsAllowed(true)
                        .replaysAllowed(true)
                        .build(),
                TrustWorld.mapping("ops", "ops-run", "ops/run").build()));
        world.applyExport(TrustPlan.of(mappings, world.issuerUrl, null, TEMPLATE));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private static final List<BuildIdentity> BUILDS = List.of(
            branch("team/app/main", "main", false),
            branch("team/app/release%2F1", "release/1", false),
            branch("team/app/feature-x", "feature-x", false),
            branch("team/app/main", "main", true),
            new BuildIdentity("team/app/PR-3", 1, null, "PR-3", "3", false, false),
            new BuildIdentity("team/app/main", 1, null, "main", "4", false, false),
            BuildIdentity.ofTag("team/app/v1.0", 1, null, "v1.0", false),
            BuildIdentity.ofTag("team/app/rc1", 1, null, "rc1", false),
            BuildIdentity.ofTag("team/app/main", 1, null, "main", false),
            BuildIdentity.ofJob("team/app/nightly", 1, null),
            BuildIdentity.ofJob("ops/run", 1, null),
            new BuildIdentity("ops/run", 1, null, null, null, false, true),
            branch("ops/run", "main", false));

    private static BuildIdentity branch(String job, String branch, boolean replay) {
        return new BuildIdentity(job, 1, null, branch, null, false, replay);
    }

    @Test
    void awsAdmitsExactlyWhatTheMappingsAdmitByBranchTagChangeRequestAndReplay() throws Exception {
        List<String> both = new ArrayList<>();
        List<String> awsOnly = new ArrayList<>();
        for (TrustMapping mapping : mappings.all()) {
            String role = mapping.roleArn().substring(mapping.roleArn().indexOf('/') + 1);
            for (BuildIdentity build : BUILDS) {
                boolean plugin = mappings.decide(mapping.stage(), build).isAllowed();
                boolean aws = awsAdmits(build, mapping.stage(), role);
                String c = mapping.stage() + " " + describe(build);
                assertThat(!plugin || aws)
                        .as("AWS must admit what the mapping admits: " + c)
                        .isTrue();
                if (aws && plugin) {
                    both.add(c);
                } else if (aws) {
                    awsOnly.add(c);
                }
            }
        }
        assertThat(both)
                .containsExactlyInAnyOrder(
                        "deploy team/app/main branch main",
                        "deploy team/app/release%2F1 branch release/1",
                        "deploy team/app/v1.0 tag v1.0",
                        "build team/app/main branch main",
                        "build team/app/release%2F1 branch release/1",
                        "build team/app/feature-x branch feature-x",
                        "build team/app/main branch main replay",
                        "build team/app/PR-3 change request 3",
                        "build team/app/main change request 4",
                        "build team/app/nightly",
                        "ops ops/run",
                        "ops ops/run branch main");
        // No build here is admitted by AWS alone: the feature branch, the replay, the change requests and tags the
        // deploy stage refuses, and the tag builds of a stage that lists no tags all have a sub no pattern matches.
        assertThat(awsOnly).isEmpty();
    }

    @Test
    void theProbeOfAFeatureBranchIsSignedAndRefusedByAws() throws Exception {
        TrustProbe probe = new TrustProbe(
                mappings,
                world.issuer,
                world.sts,
                new BrokerSettings(TokenRequest.DEFAULT_LIFETIME, "us-east-1", world.aws.endpoint())
                        .withSubjectTemplate(TEMPLATE));
        BuildIdentity feature = branch("team/app/main", "feature", false);

        ProbeResult result = probe.probe("deploy", feature, heard);

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.PASS);
        assertThat(result.subject())
                .isEqualTo("job:team/app/main:stage:deploy:ref_type:branch:branch:feature:tag::replay:false");
        assertThat(result.message()).contains("AccessDenied");
        assertThat(heard.calls).containsExactly("token", "answer");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(world.aws.sessions()).isEmpty();
    }

    @Test
    void theProbeFailsWhenTheTrustPolicyNoLongerChecksTheBranch() throws Exception {
        world.aws
                .role("app-deploy")
                .trustPolicy(FakeAws.trustPolicy(
                        world.providerArn, AUD, "job:team/app/*:stage:deploy:ref_type:branch:branch:*"));
        TrustProbe probe = new TrustProbe(
                mappings,
                world.issuer,
                world.sts,
                new BrokerSettings(TokenRequest.DEFAULT_LIFETIME, "us-east-1", world.aws.endpoint())
                        .withSubjectTemplate(TEMPLATE));

        ProbeResult result = probe.probe("deploy", branch("team/app/main", "feature", false), heard);

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.FAIL);
        assertThat(world.aws.sessions()).hasSize(1);
    }

    /** The same probe under the default template: no token is signed, since production's token is the same. */
    @Test
    void underTheDefaultTemplateTheSameProbeCannotBeSigned() throws Exception {
        TrustProbe probe = new TrustProbe(mappings, world.issuer, world.sts, "us-east-1", world.aws.endpoint());

        ProbeResult result = probe.probe("deploy", branch("team/app/main", "feature", false), heard);

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(result.message()).startsWith("AWS cannot tell this identity from an admitted one");
        assertThat(heard.calls).isEmpty();
    }

    /** The export of a stage with transitive keys lets AWS accept those keys, and refuse a token marking others. */
    @Test
    void theExportedPolicyAllowsTheMappingsTransitiveKeysAndNoOthers() throws Exception {
        TrustMappings tagged = TrustMappings.of(List.of(TrustWorld.mapping("tagged", "app-tagged", "team/app/*")
                .sessionTags(true)
                .staticSessionTags("team=payments")
                .transitiveTagKeys("team")
                .build()));
        TrustPlan plan = TrustPlan.of(tagged, world.issuerUrl, null, TEMPLATE);
        world.applyExport(plan);
        assertThat(TrustPolicyExport.byRole(plan).get(TrustWorld.roleArn("app-tagged")))
                .contains("\"ForAllValues:StringEquals\"")
                .contains("\"sts:TransitiveTagKeys\": [\"team\"]")
                .contains("sts:TagSession");
        BuildIdentity main = branch("team/app/main", "main", false);
        Map<String, String> tags = Map.of("team", "payments", "jenkins-job", "team/app/main");

        assertThat(admitsTagged(main, new SessionTags(tags, List.of("team")))).isTrue();
        assertThat(admitsTagged(main, new SessionTags(tags, List.of()))).isTrue();
        assertThat(admitsTagged(main, new SessionTags(tags, List.of("team", "jenkins-job"))))
                .as("a key the mapping does not mark transitive")
                .isFalse();
    }

    private boolean admitsTagged(BuildIdentity build, SessionTags tags) throws InterruptedException {
        String token = world.issuer
                .mint(TokenRequest.of(build, "tagged")
                        .withSubjectTemplate(TEMPLATE)
                        .withSessionTags(tags))
                .token();
        return exchange(token, "app-tagged");
    }

    private boolean awsAdmits(BuildIdentity build, String stage, String roleName) throws InterruptedException {
        String token = world.issuer
                .mint(TokenRequest.of(build, stage).withSubjectTemplate(TEMPLATE))
                .token();
        return exchange(token, roleName);
    }

    private boolean exchange(String token, String roleName) throws InterruptedException {
        try {
            world.sts.exchange(ExchangeRequest.builder()
                    .roleArn(TrustWorld.roleArn(roleName))
                    .sessionName("probe-" + roleName)
                    .webIdentityToken(token)
                    .region("us-east-1")
                    .endpoint(world.aws.endpoint())
                    .durationSeconds(900)
                    .build());
            return true;
        } catch (StsExchangeException e) {
            if (e.code().equals("AccessDenied")) {
                return false;
            }
            throw e;
        }
    }

    private static String describe(BuildIdentity build) {
        String kind = build.isTag()
                ? " tag " + build.tag()
                : build.isChangeRequest()
                        ? " change request " + build.changeRequestId()
                        : build.branch() != null ? " branch " + build.branch() : "";
        return build.jobFullName() + kind + (build.replayed() ? " replay" : "");
    }
}
