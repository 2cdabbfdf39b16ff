package io.jenkins.plugins.awsrole.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerHttpServer;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.SessionTags;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.DenialReason;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole exchange with real peers: the plugin's own issuer, published over HTTP; the decision; the real AWS SDK;
 * the local AWS server, which fetches the issuer's keys and evaluates the role's trust policy.
 */
class SessionBrokerTest {

    private static final BuildIdentity MAIN = new BuildIdentity("team/app/main", 42, null, "main", null, false, false);
    private static final String DEPLOY_SUB = "job:team/app/main:stage:deploy";

    private FakeClock clock;
    private FakeAws aws;
    private IssuerHttpServer issuerServer;
    private OidcIssuer issuer;
    private StsExchange sts;
    private String providerArn;

    private RealIssuerWorld world;

    @BeforeEach
    void start() throws Exception {
        world = RealIssuerWorld.start(3);
        clock = world.clock;
        aws = world.aws;
        issuerServer = world.issuerServer;
        issuer = world.issuer;
        providerArn = world.providerArn;
        sts = world.sts;
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private FakeRole role(String name, String subjectPattern, String... extraActions) {
        return aws.createRole(
                name, FakeAws.trustPolicy(providerArn, "sts.amazonaws.com", subjectPattern, extraActions), 7200);
    }

    private SessionBroker broker(BrokerSettings settings, TrustMapping... mappings) {
        return new SessionBroker(TrustMappings.of(List.of(mappings)), issuer, sts, settings);
    }

    private static TrustMapping.Builder mapping(String stage, FakeRole role) {
        return TrustMapping.builder().stage(stage).roleArn(role.arn()).jobs(List.of("team/app/*"));
    }

    private BrokerSettings endpoint() {
        return new BrokerSettings(Duration.ofMinutes(5), null, aws.endpoint());
    }

    @Test
    void grantsTheMappedRoleToAnAllowedBuild() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        SessionBroker broker =
                broker(endpoint(), mapping("deploy", deploy).region("eu-west-1").build());

        GrantedSession granted = broker.obtain(SessionRequest.of("deploy", MAIN, "7"));

        IssuedSession issued = aws.sessions().get(0);
        assertThat(granted.session().accessKeyId()).isEqualTo(issued.accessKeyId());
        assertThat(granted.session().assumedRoleArn())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/deploy/"
                        + SessionNames.forBlock("team/app/main", 42, "7"));
        assertThat(granted.session().subject()).isEqualTo(DEPLOY_SUB);
        assertThat(granted.session().expiration()).isEqualTo(clock.instant().plusSeconds(3600));
        assertThat(granted.region()).isEqualTo("eu-west-1");
        assertThat(granted.mapping().stage()).isEqualTo("deploy");
    }

    @Test
    void aRefusedBuildNeverReachesAws() {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        SessionBroker broker = broker(
                endpoint(), mapping("deploy", deploy).branches(List.of("main")).build());
        BuildIdentity feature = new BuildIdentity("team/app/feature", 3, null, "feature", null, false, false);

        SessionRefusedException refused = catchThrowableOfType(
                SessionRefusedException.class, () -> broker.obtain(SessionRequest.of("deploy", feature, "1")));

        assertThat(refused.reason()).contains(DenialReason.BRANCH_NOT_ALLOWED);
        assertThat(refused.getMessage()).contains("feature").contains("main");
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void anUnknownStageListsTheStagesTheJobMayUse() {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        SessionBroker broker = broker(endpoint(), mapping("deploy", deploy).build());

        SessionRefusedException refused = catchThrowableOfType(
                SessionRefusedException.class, () -> broker.obtain(SessionRequest.of("prod", MAIN, "1")));

        assertThat(refused.reason()).contains(DenialReason.UNKNOWN_STAGE);
        assertThat(refused.getMessage()).contains("deploy");
    }

    @Test
    void aBlockMayShortenTheSessionButNotLengthenIt() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        SessionBroker broker = broker(endpoint(), mapping("deploy", deploy).build());

        GrantedSession shorter = broker.obtain(new SessionRequest("deploy", MAIN, "1", null, 900));
        assertThat(shorter.session().expiration()).isEqualTo(clock.instant().plusSeconds(900));

        SessionRefusedException longer = catchThrowableOfType(
                SessionRefusedException.class,
                () -> broker.obtain(new SessionRequest("deploy", MAIN, "2", null, 7200)));
        assertThat(longer.getMessage()).contains("7200").contains("3600");
        assertThat(longer.reason()).isEmpty();
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
    }

    @Test
    void aBlockMayNameARegionOnlyWhereTheMappingPinsNone() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        FakeRole build = role("build", "job:team/app/main:stage:build");
        SessionBroker broker = broker(
                new BrokerSettings(Duration.ofMinutes(5), "us-west-2", aws.endpoint()),
                mapping("deploy", deploy).region("eu-west-1").build(),
                mapping("build", build).build());

        assertThat(broker.obtain(new SessionRequest("build", MAIN, "1", "ap-south-1", null))
                        .region())
                .isEqualTo("ap-south-1");
        assertThat(broker.obtain(SessionRequest.of("build", MAIN, "2")).region())
                .isEqualTo("us-west-2");
        assertThat(broker.obtain(new SessionRequest("deploy", MAIN, "3", "eu-west-1", null))
                        .region())
                .isEqualTo("eu-west-1");
        SessionRefusedException other = catchThrowableOfType(
                SessionRefusedException.class,
                () -> broker.obtain(new SessionRequest("deploy", MAIN, "4", "us-east-1", null)));
        assertThat(other.getMessage()).contains("us-east-1").contains("eu-west-1");
    }

    @Test
    void aBlocksRegionMustBeARegionNameOfTheRolesPartition() {
        FakeRole build = role("build", "job:team/app/main:stage:build");
        SessionBroker broker = broker(endpoint(), mapping("build", build).build());

        for (String[] bad : new String[][] {
            {"x7f3!random", "is not a region name"},
            {"EU-WEST-1", "must be lower case"},
            {"eu-west-1a", "is an availability zone"},
            {"cn-north-1", "partition 'aws-cn'"},
            {"us-gov-west-1", "partition 'aws-us-gov'"}
        }) {
            SessionRefusedException refused = catchThrowableOfType(
                    SessionRefusedException.class,
                    () -> broker.obtain(new SessionRequest("build", MAIN, "1", bad[0], null)));

            assertThat(refused).as(bad[0]).isNotNull();
            assertThat(refused.getMessage()).as(bad[0]).contains(bad[1]);
        }
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void sessionTagsAndSourceIdentityNeedTheTrustPolicyToAllowThem() throws Exception {
        FakeRole strict = role("strict", DEPLOY_SUB);
        SessionBroker refusing = broker(
                endpoint(),
                mapping("deploy", strict).sessionTags(true).sourceIdentity(true).build());
        StsExchangeException denied = catchThrowableOfType(
                StsExchangeException.class, () -> refusing.obtain(SessionRequest.of("deploy", MAIN, "1")));
        assertThat(denied.code()).isEqualTo("AccessDenied");
        assertThat(denied.getMessage()).contains("sts:TagSession");

        FakeRole tagging = role("tagging", DEPLOY_SUB, "sts:TagSession", "sts:SetSourceIdentity");
        SessionBroker allowing = broker(
                endpoint(),
                mapping("deploy", tagging)
                        .sessionTags(true)
                        .sourceIdentity(true)
                        .build());
        GrantedSession granted = allowing.obtain(SessionRequest.of("deploy", MAIN, "2"));
        assertThat(granted.session().assumedRoleArn()).endsWith("/" + SessionNames.forBlock("team/app/main", 42, "2"));
    }

    @Test
    void staticTagsJoinThePluginsOwnAndReachTheSession() throws Exception {
        FakeRole tagging = role("tagging", DEPLOY_SUB, "sts:TagSession");
        SessionBroker broker = broker(
                endpoint(),
                mapping("deploy", tagging)
                        .sessionTags(true)
                        .staticSessionTags("team=payments", "cost-center = 42")
                        .transitiveTagKeys("team")
                        .build());

        broker.obtain(SessionRequest.of("deploy", MAIN, "3"));

        assertThat(aws.sessions().get(0).principalTags())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        SessionBroker.TAG_JOB,
                        "team/app/main",
                        SessionBroker.TAG_BUILD,
                        "42",
                        SessionBroker.TAG_STAGE,
                        "deploy",
                        SessionBroker.TAG_BRANCH,
                        "main",
                        "team",
                        "payments",
                        "cost-center",
                        "42"));
    }

    @Test
    void transitiveKeysAreThoseOfTheMappingThatTheTokenCarries() {
        TrustMapping mapping = TrustMapping.builder()
                .stage("deploy")
                .roleArn("arn:aws:iam::123456789012:role/deploy")
                .jobs(List.of("team/**"))
                .sessionTags(true)
                .staticSessionTags("team=payments")
                .transitiveTagKeys("team", SessionBroker.TAG_BRANCH)
                .build();

        assertThat(SessionBroker.tokenRequest(mapping, MAIN, endpoint())
                        .sessionTags()
                        .transitiveTagKeys())
                .containsExactly("team", SessionBroker.TAG_BRANCH);
        assertThat(SessionBroker.tokenRequest(mapping, BuildIdentity.ofJob("team/nightly", 1, null), endpoint())
                        .sessionTags()
                        .transitiveTagKeys())
                .as("a build without a branch has no jenkins-branch tag to mark")
                .containsExactly("team");
        assertThat(SessionBroker.tokenRequest(
                                mapping.toBuilder()
                                        .sessionTags(false)
                                        .staticSessionTags(List.of())
                                        .transitiveTagKeys(List.of())
                                        .build(),
                                MAIN,
                                endpoint())
                        .sessionTags())
                .as("no tags claim at all without session tags")
                .isNull();
    }

    /** The exported trust policy allows the mapping's transitive keys and no others; AWS checks that. */
    @Test
    void aTrustPolicyThatLimitsTransitiveKeysRefusesAnyOther() throws Exception {
        String prefix = providerArn.substring(providerArn.indexOf(":oidc-provider/") + ":oidc-provider/".length());
        String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                + " {\"Federated\": \"" + providerArn + "\"}, \"Action\": [\"sts:AssumeRoleWithWebIdentity\","
                + " \"sts:TagSession\"], \"Condition\": {\"StringEquals\": {\"" + prefix + ":aud\":"
                + " \"sts.amazonaws.com\"}, \"StringLike\": {\"" + prefix + ":sub\": \"" + DEPLOY_SUB + "\"},"
                + " \"ForAllValues:StringEquals\": {\"sts:TransitiveTagKeys\": [\"team\"]}}}]}";
        FakeRole limited = aws.createRole("limited", policy, 3600);
        TrustMapping.Builder tagged =
                mapping("deploy", limited).sessionTags(true).staticSessionTags("team=payments");

        broker(endpoint(), tagged.transitiveTagKeys("team").build()).obtain(SessionRequest.of("deploy", MAIN, "4"));
        broker(endpoint(), tagged.transitiveTagKeys(List.of()).build()).obtain(SessionRequest.of("deploy", MAIN, "5"));
        StsExchangeException denied = catchThrowableOfType(
                StsExchangeException.class,
                () -> broker(
                                endpoint(),
                                tagged.transitiveTagKeys("team", SessionBroker.TAG_JOB)
                                        .build())
                        .obtain(SessionRequest.of("deploy", MAIN, "6")));

        assertThat(aws.sessions()).hasSize(2);
        assertThat(denied.code()).isEqualTo("AccessDenied");
    }

    @Test
    void aTrustPolicyForAnotherSubjectIsExplainedWithTheTokensSubject() {
        FakeRole other = role("other", "job:team/other/*");
        SessionBroker broker = broker(endpoint(), mapping("deploy", other).build());

        StsExchangeException denied = catchThrowableOfType(
                StsExchangeException.class, () -> broker.obtain(SessionRequest.of("deploy", MAIN, "1")));

        assertThat(denied.code()).isEqualTo("AccessDenied");
        assertThat(denied.getMessage()).contains(DEPLOY_SUB).contains("sts.amazonaws.com");
    }

    @Test
    void everySignedTokenIsReportedBeforeStsAndARefusedBuildGetsNone() throws Exception {
        FakeRole other = role("other", "job:team/other/*");
        List<String> issued = new java.util.ArrayList<>();
        SessionBroker broker = new SessionBroker(
                TrustMappings.of(List.of(
                        mapping("deploy", other).branches(List.of("main")).build())),
                issuer,
                sts,
                endpoint(),
                (request, mapping, sessionName, token) ->
                        issued.add(sessionName + " " + token.subject() + " " + token.audience()));

        catchThrowableOfType(StsExchangeException.class, () -> broker.obtain(SessionRequest.of("deploy", MAIN, "3")));
        catchThrowableOfType(
                SessionRefusedException.class,
                () -> broker.obtain(SessionRequest.of(
                        "deploy", new BuildIdentity("team/app/x", 1, null, "x", null, false, false), "4")));

        assertThat(issued)
                .containsExactly(
                        SessionNames.forBlock("team/app/main", 42, "3") + " " + DEPLOY_SUB + " sts.amazonaws.com");
    }

    @Test
    void aTagBuildsSessionTagsNameItsTagAndNoBranch() {
        BuildIdentity tag = BuildIdentity.ofTag("team/app/v1", 9, null, "v1", false);

        assertThat(SessionBroker.sessionTags("deploy", tag))
                .containsEntry(SessionBroker.TAG_TAG, "v1")
                .doesNotContainKey(SessionBroker.TAG_BRANCH);
        assertThat(SessionBroker.sessionTags("deploy", MAIN)).doesNotContainKey(SessionBroker.TAG_TAG);
    }

    /** Encoded as sub encodes names, so two names never share a tag value, and refused rather than cut. */
    @Test
    void tagValuesAreEncodedLikeSubAndNeverCut() {
        BuildIdentity odd = new BuildIdentity("team/app/x#1,y", 9, null, "feat/ü*", null, false, false);
        BuildIdentity lookAlike = new BuildIdentity("team/app/x#1,y", 9, null, "feat/u*", null, false, false);

        assertThat(SessionBroker.sessionTags("deploy", odd))
                .containsEntry(SessionBroker.TAG_BRANCH, "feat/=C3=BC=2A")
                .containsEntry(SessionBroker.TAG_BUILD, "9")
                .containsEntry(SessionBroker.TAG_STAGE, "deploy")
                .containsEntry(SessionBroker.TAG_JOB, "team/app/x=231=2Cy");
        assertThat(SessionBroker.sessionTags("deploy", lookAlike)).containsEntry(SessionBroker.TAG_BRANCH, "feat/u=2A");
        // Every value is one that AWS accepts.
        assertThat(SessionTags.of(SessionBroker.sessionTags("deploy", odd))).isNotNull();

        BuildIdentity longName = BuildIdentity.ofJob("team/app/" + "x".repeat(300), 9, null);
        assertThatThrownBy(() -> SessionBroker.sessionTags("deploy", longName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The session tag jenkins-job of stage 'deploy' would have 309 characters (the name encoded"
                        + " as in sub); AWS accepts 256 at most, and a shortened value could name another build."
                        + " Shorten the name, or an administrator turns session tags off for stage 'deploy'.");
    }
}
