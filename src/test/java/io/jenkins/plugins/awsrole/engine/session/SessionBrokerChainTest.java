package io.jenkins.plugins.awsrole.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.Faults;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Role chaining through the broker with real peers: the plugin's issuer over HTTP, the real AWS SDK, and the local AWS
 * server with two accounts, where the web identity session of the first account's role assumes a role of the second.
 */
class SessionBrokerChainTest {

    private static final BuildIdentity MAIN = new BuildIdentity("team/app/main", 42, null, "main", null, false, false);
    private static final String DEPLOY_SUB = "job:team/app/main:stage:deploy";

    private RealIssuerWorld world;
    private FakeAws aws;
    private FakeRole hub;

    @BeforeEach
    void start() throws Exception {
        world = RealIssuerWorld.start(3);
        aws = world.aws;
        hub = aws.createRole(
                "jenkins-hub",
                FakeAws.trustPolicy(world.providerArn, "sts.amazonaws.com", DEPLOY_SUB, "sts:SetSourceIdentity"));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private SessionBroker broker(TrustMapping mapping) {
        return new SessionBroker(
                TrustMappings.of(List.of(mapping)),
                world.issuer,
                world.sts,
                new BrokerSettings(Duration.ofMinutes(5), null, aws.endpoint()));
    }

    private TrustMapping.Builder chained(FakeRole target) {
        return TrustMapping.builder()
                .stage("deploy")
                .roleArn(hub.arn())
                .chainedRoleArn(target.arn())
                .jobs(List.of("team/app/*"));
    }

    /** A role of the second account that trusts the hub role, which may assume it. */
    private FakeRole trustedTarget(String... extraActions) {
        FakeRole target = aws.account(FakeAws.SECOND_ACCOUNT)
                .createRole("deploy", FakeAws.chainTrustPolicy(hub.arn(), extraActions));
        String[] actions = new String[extraActions.length + 1];
        actions[0] = "sts:AssumeRole";
        System.arraycopy(extraActions, 0, actions, 1, extraActions.length);
        aws.putRolePolicy(hub.name(), "chain", FakeAws.allowOn(target.arn(), actions));
        return target;
    }

    @Test
    void theBlockGetsTheSecondAccountsRoleUnderTheSameSessionName() throws Exception {
        FakeRole target = trustedTarget();

        GrantedSession granted = broker(chained(target).build()).obtain(SessionRequest.of("deploy", MAIN, "7"));

        String name = SessionNames.forBlock("team/app/main", 42, "7");
        assertThat(granted.chained()).isTrue();
        assertThat(granted.roleArn()).isEqualTo(target.arn());
        assertThat(granted.session().assumedRoleArn())
                .isEqualTo("arn:aws:sts::" + FakeAws.SECOND_ACCOUNT + ":assumed-role/deploy/" + name);
        assertThat(granted.session().assumedRoleId()).isEqualTo(target.roleId() + ":" + name);
        assertThat(granted.webIdentitySession().assumedRoleArn())
                .isEqualTo("arn:aws:sts::" + FakeAws.ACCOUNT + ":assumed-role/jenkins-hub/" + name);
        assertThat(granted.session().accessKeyId())
                .isNotEqualTo(granted.webIdentitySession().accessKeyId());
        assertThat(granted.session().subject()).isEqualTo(DEPLOY_SUB);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(aws.calls("AssumeRole")).isEqualTo(1);
        IssuedSession issued = aws.sessions().get(1);
        assertThat(issued.chainedFrom().accessKeyId())
                .isEqualTo(granted.webIdentitySession().accessKeyId());
        assertThat(issued.expiration()).isEqualTo(granted.session().expiration());
        assertThat(granted.session().issuedAt()).isEqualTo(issued.issuedAt());
    }

    @Test
    void theSourceIdentityCarriesThroughTheChain() throws Exception {
        FakeRole target = trustedTarget("sts:SetSourceIdentity");

        broker(chained(target).sourceIdentity(true).build()).obtain(SessionRequest.of("deploy", MAIN, "7"));

        IssuedSession first = aws.sessions().get(0);
        IssuedSession second = aws.sessions().get(1);
        assertThat(first.sourceIdentity()).isEqualTo(SessionNames.forBuild("team/app/main", 42));
        assertThat(second.sourceIdentity()).isEqualTo(first.sourceIdentity());
    }

    @Test
    void aSecondRoleWithoutSetSourceIdentityRefusesAChainWithOne() {
        FakeRole target = trustedTarget();

        StsExchangeException refused = catchThrowableOfType(
                StsExchangeException.class,
                () -> broker(chained(target).sourceIdentity(true).build())
                        .obtain(SessionRequest.of("deploy", MAIN, "7")));

        assertThat(refused.code()).isEqualTo("AccessDenied");
        assertThat(refused.getMessage()).contains("\"sts:AssumeRole\", \"sts:SetSourceIdentity\"");
    }

    @Test
    void aSecondRoleThatDoesNotTrustTheFirstRefusesWithTheStatementToAdd() {
        FakeRole target = aws.account(FakeAws.SECOND_ACCOUNT)
                .createRole("deploy", FakeAws.chainTrustPolicy("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/other"));
        aws.putRolePolicy(hub.name(), "chain", FakeAws.allowOn(target.arn(), "sts:AssumeRole"));

        StsExchangeException refused = catchThrowableOfType(
                StsExchangeException.class,
                () -> broker(chained(target).build()).obtain(SessionRequest.of("deploy", MAIN, "7")));

        assertThat(refused.code()).isEqualTo("AccessDenied");
        assertThat(refused.isTransient()).isFalse();
        assertThat(refused.getMessage())
                .contains("AssumeRole of the chained role " + target.arn())
                .contains("Add this statement to the trust policy of " + target.arn())
                .contains("\"Principal\": {\"AWS\": \"" + hub.arn() + "\"}, \"Action\": [\"sts:AssumeRole\"]")
                .contains("also needs a permissions policy");
        assertThat(aws.calls("AssumeRole")).isEqualTo(1);
    }

    @Test
    void aThrottledChainedStepIsRetriedAndSaysSoWhenThrottlingLasts() throws Exception {
        FakeRole target = trustedTarget();
        aws.faults().onlyFor("AssumeRole").next(Faults.Kind.THROTTLING, 2);

        GrantedSession granted = broker(chained(target).build()).obtain(SessionRequest.of("deploy", MAIN, "7"));

        assertThat(granted.roleArn()).isEqualTo(target.arn());
        assertThat(aws.calls("AssumeRole")).isEqualTo(3);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);

        aws.faults().onlyFor("AssumeRole").always(Faults.Kind.THROTTLING);
        StsExchangeException throttled = catchThrowableOfType(
                StsExchangeException.class,
                () -> broker(chained(target).build()).obtain(SessionRequest.of("deploy", MAIN, "8")));
        assertThat(throttled.isTransient()).isTrue();
        assertThat(throttled.getMessage())
                .contains("AssumeRole of the chained role " + target.arn())
                .contains("kept throttling");
    }
}
