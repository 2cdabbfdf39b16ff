package io.jenkins.plugins.awsrole.engine.trustcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.session.TrialRecorder;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Break it on purpose" against the local AWS account: a tight trust policy passes, a loosened one fails. */
class TrustProbeTest {

    private static final BuildIdentity OUTSIDER = BuildIdentity.ofJob("other/app/feature-x", 5, null);

    private TrustWorld world;
    private TrustMappings mappings;
    private TrustProbe probe;
    private final TrialRecorder heard = new TrialRecorder();

    @BeforeEach
    void start() throws Exception {
        world = new TrustWorld("sts.amazonaws.com");
        TrustMapping deploy =
                TrustWorld.mapping("deploy", "app-deploy", "team/app/main").build();
        mappings = TrustMappings.of(List.of(deploy));
        world.applyExport(TrustPlan.of(mappings, world.issuerUrl, null));
        probe = new TrustProbe(mappings, world.issuer, world.sts, "us-east-1", world.aws.endpoint());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void passesWhenAwsRefusesWhatTheMappingRefuses() throws Exception {
        ProbeResult result = probe.probe("deploy", OUTSIDER, heard);

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.PASS);
        assertThat(result.mappingAllows()).isFalse();
        assertThat(result.subject()).isEqualTo("job:other/app/feature-x:stage:deploy");
        assertThat(result.message()).contains("AccessDenied");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(world.aws.sessions()).isEmpty();
        assertThat(heard.calls).containsExactly("token", "answer");
        assertThat(heard.tokens.get(0).facts().subject()).isEqualTo(result.subject());
        assertThat(heard.tokens.get(0).sessionName())
                .isEqualTo(SessionNames.forBlock("other/app/feature-x", 5, "probe"));
        assertThat(heard.answers.get(0).accessDenied()).isTrue();
    }

    @Test
    void failsWhenTheTrustPolicyIsLoosenedAndKeepsNoCredentials() throws Exception {
        world.aws.role("app-deploy").trustPolicy(FakeAws.trustPolicy(world.providerArn, "sts.amazonaws.com", "*"));

        ProbeResult result = probe.probe("deploy", OUTSIDER, heard);

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.FAIL);
        assertThat(result.mappingAllows()).isFalse();
        IssuedSession issued = world.aws.sessions().get(0);
        assertThat(issued.expiration()).isEqualTo(issued.issuedAt().plusSeconds(900));
        assertThat(result.message())
                .contains(issued.sessionName())
                .contains("replace it with the exported one")
                .doesNotContain("arn:aws")
                .doesNotContain(FakeAws.ACCOUNT)
                .doesNotContain(issued.accessKeyId())
                .doesNotContain(issued.secretAccessKey())
                .doesNotContain(issued.sessionToken());
        assertThat(result.toString()).doesNotContain(issued.secretAccessKey());
        assertThat(heard.tokens)
                .singleElement()
                .satisfies(token -> assertThat(token.sessionName()).isEqualTo(issued.sessionName()));
        assertThat(heard.answers).singleElement().satisfies(answer -> {
            assertThat(answer.sessionArn()).isEqualTo(issued.assumedRoleArn());
            assertThat(answer.expiration()).isEqualTo(issued.expiration());
        });
    }

    @Test
    void aLoosenedSegmentWildcardIsCaughtToo() throws Exception {
        world.aws
                .role("app-deploy")
                .trustPolicy(FakeAws.trustPolicy(world.providerArn, "sts.amazonaws.com", "job:team/*:stage:deploy"));

        assertThat(probe.probe("deploy", BuildIdentity.ofJob("team/app/feature-x", 1, null), heard)
                        .outcome())
                .isEqualTo(ProbeOutcome.FAIL);
        assertThat(probe.probe("deploy", OUTSIDER, heard).outcome()).isEqualTo(ProbeOutcome.PASS);
    }

    @Test
    void anIdentityTheMappingAdmitsIsAMeaninglessProbeAndAwsIsNotAsked() throws Exception {
        ProbeResult result = probe.probe("deploy", BuildIdentity.ofJob("team/app/main", 1, null), heard);

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(result.mappingAllows()).isTrue();
        assertThat(result.message()).contains("meaningless");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
        assertThat(heard.calls).isEmpty();
    }

    /**
     * {@code asJob: 'team/app/main', asBranch: 'feature'} against a mapping limited to branch {@code main}: the default
     * sub has no branch, so that token would be production's exact token. No token is signed, AWS is not asked.
     */
    @Test
    void anIdentityWhoseSubAnAdmittedBuildAlsoHasIsNeverSigned() throws Exception {
        TrustMapping mainOnly = TrustWorld.mapping("deploy", "app-deploy", "team/app/main")
                .branches("main", "release/*")
                .build();
        TrustProbe branchProbe = new TrustProbe(
                TrustMappings.of(List.of(mainOnly)), world.issuer, world.sts, "us-east-1", world.aws.endpoint());
        BuildIdentity feature = new BuildIdentity("team/app/main", 9, null, "feature", null, false, false);

        ProbeResult result = branchProbe.probe("deploy", feature, heard);

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(result.subject()).isEqualTo("job:team/app/main:stage:deploy");
        assertThat(result.message())
                .startsWith("AWS cannot tell this identity from an admitted one")
                .contains("job 'team/app/main' on branch 'main'")
                .contains("sub template");
        assertThat(heard.calls).as("no token signed").isEmpty();
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void aChangeRequestOfAnAdmittedJobHasTheSameSubAsItsBranchesAndIsNeverSigned() throws Exception {
        BuildIdentity changeRequest = new BuildIdentity("team/app/main", 9, null, "PR-3", "3", false, false);

        ProbeResult result = probe.probe("deploy", changeRequest, heard);

        assertThat(result.message()).startsWith("AWS cannot tell this identity from an admitted one");
        assertThat(heard.calls).isEmpty();
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void aRefusedJobTheSubCarriesIsProbed() throws Exception {
        TrustMapping mainOnly = TrustWorld.mapping("deploy", "app-deploy", "team/app/*")
                .branches("main")
                .build();
        TrustProbe jobProbe = new TrustProbe(
                TrustMappings.of(List.of(mainOnly)), world.issuer, world.sts, "us-east-1", world.aws.endpoint());

        ProbeResult result = jobProbe.probe("deploy", OUTSIDER, heard);

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.PASS);
        assertThat(heard.calls).containsExactly("token", "answer");
    }

    @Test
    void anUnknownStageOrAnUnreachableProviderIsAnError() throws Exception {
        assertThat(probe.probe("prod", OUTSIDER, heard).outcome()).isEqualTo(ProbeOutcome.ERROR);

        world.aws.deleteOidcProvider(world.issuerUrl.value());
        ProbeResult result = probe.probe("deploy", OUTSIDER, heard);

        assertThat(result.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(result.message()).contains("InvalidIdentityToken");
    }
}
