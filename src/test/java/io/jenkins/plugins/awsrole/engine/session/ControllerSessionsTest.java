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
import io.jenkins.plugins.awsrole.engine.oidc.TokenFacts;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    void theListenerHearsOfTheTokenByItsFactsThenOfTheSession() throws Exception {
        FakeRole revoker = aws.createRole(
                "revoker", FakeAws.trustPolicy(providerArn, "sts.amazonaws.com", "jenkins:controller:revoker"));
        Heard heard = new Heard();

        RoleSession session = listened(heard).obtain(revoker.arn(), "revoker", "sts.amazonaws.com");

        assertThat(heard.events)
                .containsExactly(
                        "token revoker " + revoker.arn() + " jenkins-controller-revoker",
                        "obtained revoker " + revoker.arn() + " " + session.sessionName());
        assertThat(heard.token.subject()).isEqualTo("jenkins:controller:revoker");
        assertThat(heard.token.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(heard.token.jwtId()).isNotBlank();
        assertThat(heard.token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(aws.sessions())
                .singleElement()
                .satisfies(issued -> assertThat(issued.subject()).isEqualTo(heard.token.subject()));
    }

    @Test
    void theListenerHearsOfARefusalAndTheCallerGetsIt() {
        FakeRole deploy =
                aws.createRole("deploy", FakeAws.trustPolicy(providerArn, "sts.amazonaws.com", "job:*:stage:deploy"));
        Heard heard = new Heard();

        StsExchangeException refused = catchThrowableOfType(
                StsExchangeException.class,
                () -> listened(heard).obtain(deploy.arn(), "drift-reader", "sts.amazonaws.com"));

        assertThat(refused.code()).isEqualTo("AccessDenied");
        assertThat(heard.events)
                .containsExactly(
                        "token drift-reader " + deploy.arn() + " jenkins-controller-drift-reader",
                        "refused drift-reader " + deploy.arn() + " AccessDenied");
    }

    private ControllerSessions listened(ControllerSessions.Listener listener) {
        return new ControllerSessions(
                world.issuer, sts, new BrokerSettings(Duration.ofMinutes(5), "eu-west-1", aws.endpoint()), listener);
    }

    /** What a listener was told, in order, as short lines; and the last token's facts. */
    private static final class Heard implements ControllerSessions.Listener {
        final List<String> events = new ArrayList<>();
        TokenFacts token;

        @Override
        public void tokenIssued(String purpose, String roleArn, String sessionName, TokenFacts token) {
            this.token = token;
            events.add("token " + purpose + " " + roleArn + " " + sessionName);
        }

        @Override
        public void obtained(String purpose, String roleArn, RoleSession session) {
            events.add("obtained " + purpose + " " + roleArn + " " + session.sessionName());
        }

        @Override
        public void refused(String purpose, String roleArn, StsExchangeException failure) {
            events.add("refused " + purpose + " " + roleArn + " " + failure.code());
        }
    }

    @Test
    void purposesAreShortLowerCaseNames() {
        assertThat(ControllerSessions.subject("drift-reader")).isEqualTo("jenkins:controller:drift-reader");
        assertThatThrownBy(() -> ControllerSessions.subject("Revoker")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> ControllerSessions.subject("a:b")).hasMessageContaining("'a:b'");
    }
}
