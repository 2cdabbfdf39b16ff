package io.jenkins.plugins.awsrole.engine.revoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.fakeaws.AwsFixture;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.TinyProxy;
import io.jenkins.plugins.awsrole.engine.revoke.RevocationResult.Status;
import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.ProxySettings;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The revoker's IAM client goes through the proxy of its settings, and around it for a no-proxy host. The proxy and
 * the local AWS server both listen on 127.0.0.1; why that still goes through the proxy: {@code StsExchangeProxyTest}.
 *
 * <p>Through {@link TinyProxy} a revocation that writes cannot succeed: the write follows the read at once on the
 * read's pooled connection, which tinyproxy has closed without saying so, and the revoker leaves retries to its own
 * loop, which repeats the same read-then-write. (Real IAM is HTTPS, reached through a {@code CONNECT} tunnel that
 * stays open.) So the call through the proxy here is a revocation that only needs to read: the session is already in
 * the policy, written by a first revocation that went around the proxy.
 */
class RevokerProxyTest {

    private static final String BUILD_SUB = "job:team/app/main:stage:deploy";

    private AwsFixture world;
    private TinyProxy proxy;
    private StsExchange sts;
    private FakeRole deploy;
    private FakeRole revokerRole;

    @BeforeEach
    void start() throws Exception {
        world = AwsFixture.start();
        proxy = TinyProxy.start();
        // The revoker's own session comes from STS directly here: only the revoker's IAM client is under test.
        sts = new StsExchange(RetryPolicy.DEFAULT, d -> {}, world.clock, new SplittableRandom(1));
        deploy = world.roleFor("deploy", BUILD_SUB);
        revokerRole = world.aws.createRole(
                "jenkins-revoker",
                RevokerPolicies.trustPolicy(world.providerArn, AwsFixture.AUDIENCE, RevokerPolicies.DEFAULT_SUBJECT));
        world.aws.putRolePolicy(revokerRole.name(), "revoke", RevokerPolicies.permissionsPolicy(List.of(deploy.arn())));
    }

    @AfterEach
    void stop() {
        sts.close();
        proxy.close();
        world.close();
    }

    @Test
    void theIamCallsGoThroughTheProxy() throws Exception {
        RoleSession ended = session(deploy, BUILD_SUB, "team.app.main@42-1");
        try (Revoker direct = revoker(ProxySettings.NONE)) {
            assertThat(direct.revoke(deploy.arn(), ended).status()).isEqualTo(Status.REVOKED);
        }
        assertThat(proxy.requests()).isEmpty();

        RevocationResult result;
        try (Revoker proxied = revoker(ProxySettings.of(TinyProxy.HOST, proxy.port(), null, null, null))) {
            result = proxied.revoke(deploy.arn(), ended);
        }

        assertThat(result.status()).isEqualTo(Status.REVOKED);
        assertThat(proxy.requestsTo(world.aws.endpoint().getAuthority()))
                .as("the read of the revocation policy, through the proxy")
                .containsExactly("POST http://" + world.aws.endpoint().getAuthority() + "/ HTTP/1.1");
        assertThat(world.aws.calls("PutRolePolicy"))
                .as("only the first revocation wrote")
                .isEqualTo(1);
        assertThat(world.aws.calls("GetRolePolicy")).isEqualTo(3);
    }

    /** The whole read, write and read-back, around the proxy. */
    @Test
    void aNoProxyHostGoesAroundIt() throws Exception {
        RoleSession ended = session(deploy, BUILD_SUB, "team.app.main@42-1");

        RevocationResult result;
        try (Revoker revoker = revoker(ProxySettings.of(TinyProxy.HOST, proxy.port(), null, null, "127.0.0.1"))) {
            result = revoker.revoke(deploy.arn(), ended);
        }

        assertThat(result.status()).isEqualTo(Status.REVOKED);
        assertThat(world.aws.calls("PutRolePolicy")).isEqualTo(1);
        assertThat(proxy.requests()).isEmpty();
    }

    private Revoker revoker(ProxySettings via) {
        RevokerCredentials credentials = new RevokerCredentials(
                () -> session(revokerRole, RevokerPolicies.DEFAULT_SUBJECT, "jenkins-controller-revoker"), world.clock);
        RevokerSettings settings =
                RevokerSettings.defaults().withEndpoint(world.aws.endpoint()).withProxy(via);
        assertThat(settings.proxy()).isEqualTo(via);
        return new Revoker(credentials, settings, d -> {}, world.clock, new SplittableRandom(2));
    }

    private RoleSession session(FakeRole role, String sub, String sessionName) throws InterruptedException {
        return sts.exchange(ExchangeRequest.builder()
                .roleArn(role.arn())
                .sessionName(sessionName)
                .webIdentityToken(world.issuer.token(sub, AwsFixture.AUDIENCE))
                .region("us-east-1")
                .endpoint(world.aws.endpoint())
                .build());
    }
}
