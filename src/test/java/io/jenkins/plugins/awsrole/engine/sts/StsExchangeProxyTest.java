package io.jenkins.plugins.awsrole.engine.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.fakeaws.AwsFixture;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.TinyProxy;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exchange through a real HTTP proxy ({@link TinyProxy}) to the local AWS server: the call goes through the proxy,
 * a no-proxy host goes around it, proxy credentials are sent, and a proxy that refuses or cannot be reached is named.
 *
 * <p>Both the proxy and the AWS server listen on 127.0.0.1. That still routes through the proxy: the plugin gives the
 * SDK's Apache client its own proxy configuration (not the JVM's proxy selector, whose default {@code nonProxyHosts}
 * exempts {@code localhost} and {@code 127.*}), and that client bypasses only the hosts the no-proxy patterns list. So
 * the tests use the real addresses, and list {@code 127.0.0.1} as a no-proxy host where a call must go around.
 */
class StsExchangeProxyTest {

    private AwsFixture world;
    private FakeRole role;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        world = AwsFixture.start();
        role = world.roleFor("deploy", StsExchangeTest.SUB);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        world.close();
    }

    @Test
    void theCallGoesThroughTheProxy() throws Exception {
        TinyProxy proxy = proxy(TinyProxy.start());

        RoleSession session = exchange(ProxySettings.of(TinyProxy.HOST, proxy.port(), null, null, null))
                .exchange(request());

        assertThat(session.accessKeyId()).isEqualTo(world.aws.sessions().get(0).accessKeyId());
        assertThat(proxy.requestsTo(awsHostAndPort()))
                .containsExactly("POST http://" + awsHostAndPort() + "/ HTTP/1.1");
    }

    @Test
    void aNoProxyHostGoesAroundTheProxy() throws Exception {
        TinyProxy proxy = proxy(TinyProxy.start());

        exchange(ProxySettings.of(TinyProxy.HOST, proxy.port(), null, null, "localhost, 127.0.0.*"))
                .exchange(request());

        assertThat(world.aws.sessions()).hasSize(1);
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void theProxyCredentialsAreSent() throws Exception {
        TinyProxy proxy = proxy(TinyProxy.start("alice", "s3cret"));

        exchange(ProxySettings.of(TinyProxy.HOST, proxy.port(), "alice", "s3cret", null))
                .exchange(request());

        assertThat(world.aws.sessions()).hasSize(1);
        assertThat(proxy.requestsTo(awsHostAndPort())).isNotEmpty();
    }

    @Test
    void aProxyThatAsksForCredentialsIsNamedAndNothingReachesAws() throws Exception {
        TinyProxy proxy = proxy(TinyProxy.start("alice", "s3cret"));
        ExchangeRequest request = request();

        StsExchangeException e =
                refusal(exchange(ProxySettings.of(TinyProxy.HOST, proxy.port(), null, null, null)), request);

        assertThat(e.code()).isEqualTo("HTTP407");
        assertThat(e.httpStatus()).isEqualTo(407);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage())
                .startsWith("The HTTP proxy " + proxy.address() + " answered HTTP 407 instead of passing the call on"
                        + " to STS at " + world.aws.endpoint() + ".")
                .contains("asks for a user name and password, and none is set")
                .contains("Manage Jenkins > System > HTTP Proxy Configuration");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void aWrongProxyPasswordIsNamedWithTheUserAndNeverThePassword() throws Exception {
        TinyProxy proxy = proxy(TinyProxy.start("alice", "s3cret"));
        ExchangeRequest request = request();

        StsExchangeException e = refusal(
                exchange(ProxySettings.of(TinyProxy.HOST, proxy.port(), "alice", "wrong-password", null)), request);

        // tinyproxy answers wrong credentials with 401, where other proxies repeat the 407
        assertThat(e.httpStatus()).isIn(401, 407);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage())
                .contains("The HTTP proxy " + proxy.address() + " answered HTTP " + e.httpStatus())
                .contains("did not accept the user name alice")
                .doesNotContain("wrong-password");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void anUnreachableProxyIsNamed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ExchangeRequest request = request();

        StsExchangeException e =
                refusal(exchange(ProxySettings.of(TinyProxy.HOST, closedPort, null, null, null)), request);

        assertThat(e.code()).isEqualTo(StsExchangeException.CODE_NETWORK);
        assertThat(e.isTransient()).isTrue();
        assertThat(e.attempts()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
        assertThat(e.getMessage())
                .startsWith("Could not reach STS at " + world.aws.endpoint() + " through the HTTP proxy "
                        + TinyProxy.HOST + ":" + closedPort + " (")
                .contains("Check that the proxy is up");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    /** The proxy is up but cannot reach STS: its own error page, not an answer of STS. */
    @Test
    void aProxyThatCannotReachStsSaysSo() throws Exception {
        TinyProxy proxy = proxy(TinyProxy.start());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ExchangeRequest request = ExchangeRequest.builder()
                .roleArn(role.arn())
                .sessionName("p@1-1")
                .webIdentityToken(world.issuer.token(StsExchangeTest.SUB, AwsFixture.AUDIENCE))
                .region("us-east-1")
                .endpoint(java.net.URI.create("http://" + TinyProxy.HOST + ":" + closedPort))
                .build();

        StsExchangeException e =
                refusal(exchange(ProxySettings.of(TinyProxy.HOST, proxy.port(), null, null, null)), request);

        assertThat(e.httpStatus()).isGreaterThanOrEqualTo(500);
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage())
                .startsWith("The HTTP proxy " + proxy.address() + " answered HTTP " + e.httpStatus())
                .contains("The proxy could not reach STS");
    }

    /** An error of STS itself, through the proxy, is still STS's: it carries AWS's request id. */
    @Test
    void anAnswerOfStsThroughTheProxyIsStillTranslatedAsStss() throws Exception {
        TinyProxy proxy = proxy(TinyProxy.start());
        ExchangeRequest request = ExchangeRequest.builder()
                .roleArn(role.arn())
                .sessionName("p@1-1")
                .webIdentityToken(world.issuer.token("job:other:stage:deploy", AwsFixture.AUDIENCE))
                .region("us-east-1")
                .endpoint(world.aws.endpoint())
                .build();

        StsExchangeException e =
                refusal(exchange(ProxySettings.of(TinyProxy.HOST, proxy.port(), null, null, null)), request);

        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).doesNotContain("HTTP proxy");
        assertThat(proxy.requestsTo(awsHostAndPort())).hasSize(1);
    }

    private TinyProxy proxy(TinyProxy proxy) {
        closing.add(proxy);
        return proxy;
    }

    private StsExchange exchange(ProxySettings proxy) {
        StsExchange exchange =
                new StsExchange(RetryPolicy.DEFAULT, d -> {}, world.clock, new SplittableRandom(1), proxy);
        closing.add(exchange);
        assertThat(exchange.proxy()).isEqualTo(proxy);
        return exchange;
    }

    private ExchangeRequest request() {
        return ExchangeRequest.builder()
                .roleArn(role.arn())
                .sessionName("p@1-1")
                .webIdentityToken(world.issuer.token(StsExchangeTest.SUB, AwsFixture.AUDIENCE))
                .region("us-east-1")
                .endpoint(world.aws.endpoint())
                .build();
    }

    private String awsHostAndPort() {
        return world.aws.endpoint().getAuthority();
    }

    private static StsExchangeException refusal(StsExchange exchange, ExchangeRequest request) {
        StsExchangeException e = catchThrowableOfType(StsExchangeException.class, () -> exchange.exchange(request));
        assertThat(e).as("the exchange should have failed").isNotNull();
        assertThat(e.getMessage()).doesNotContain(request.webIdentityToken());
        return e;
    }
}
