package io.jenkins.plugins.awsrole.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerHttpServer;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControllerSessionsTest {

    private FakeClock clock;
    private FakeAws aws;
    private IssuerHttpServer issuerServer;
    private StsExchange sts;
    private ControllerSessions sessions;
    private String providerArn;

    private RealIssuerWorld world;

    @BeforeEach
    void start() throws Exception {
        world = RealIssuerWorld.start(5);
        clock = world.clock;
        aws = world.aws;
        issuerServer = world.issuerServer;
        OidcIssuer issuer = world.issuer;
        providerArn = world.providerArn;
        sts = world.sts;
        sessions = new ControllerSessions(
                issuer, sts, new BrokerSettings(Duration.ofMinutes(5), "eu-west-1", aws.endpoint()));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void theControllerAssumesARoleThatTrustsItsOwnSubject() throws Exception {
        FakeRole revoker = aws.createRole(
                "revoker", FakeAws.trustPolicy(providerArn, "sts.amazonaws.com", "jenkins:controller:revoker"));

        RoleSession session = sessions.obtain(revoker.arn(), "revoker", "sts.amazonaws.com");

        assertThat(session.subject()).isEqualTo("jenkins:controller:revoker");
        assertThat(session.sessionName()).isEqualTo("jenkins-controller-revoker");
        assertThat(session.expiration()).isEqualTo(clock.instant().plusSeconds(900));
    }

    @Test
    void aRoleForBuildsDoesNotTrustTheController() {
        FakeRole deploy =
                aws.createRole("deploy", FakeAws.trustPolicy(providerArn, "sts.amazonaws.com", "job:*:stage:deploy"));

        StsExchangeException refused = catchThrowableOfType(
                StsExchangeException.class, () -> sessions.obtain(deploy.arn(), "revoker", "sts.amazonaws.com"));

        assertThat(refused.code()).isEqualTo("AccessDenied");
        assertThat(refused.getMessage()).contains("jenkins:controller:revoker");
    }

    @Test
    void purposesAreShortLowerCaseNames() {
        assertThat(ControllerSessions.subject("drift-reader")).isEqualTo("jenkins:controller:drift-reader");
        assertThatThrownBy(() -> ControllerSessions.subject("Revoker")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> ControllerSessions.subject("a:b")).hasMessageContaining("'a:b'");
    }
}
