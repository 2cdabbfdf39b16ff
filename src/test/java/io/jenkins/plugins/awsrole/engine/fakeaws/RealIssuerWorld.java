package io.jenkins.plugins.awsrole.engine.fakeaws;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerHttpServer;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerSettings;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The test world of the plugin's own issuer: a real {@link OidcIssuer} published over HTTP, registered as the OIDC
 * provider (audience {@code sts.amazonaws.com}) of a fake AWS account that fetches its keys, and a real STS exchange
 * that does not sleep between retries. Close it after the test.
 */
public final class RealIssuerWorld implements AutoCloseable {

    public static final String AUDIENCE = "sts.amazonaws.com";

    public final FakeClock clock;
    public final FakeAws aws;
    public final IssuerHttpServer issuerServer;
    public final OidcIssuer issuer;
    public final String providerArn;
    public final StsExchange sts;

    private RealIssuerWorld(long seed) throws IOException {
        clock = FakeClock.atRealNow();
        aws = FakeAws.start(clock);
        issuerServer = new IssuerHttpServer();
        issuer = OidcIssuer.create(IssuerSettings.defaults(issuerServer.issuerUrl()), null, clock, s -> {});
        issuerServer.serve(issuer);
        providerArn = aws.createOidcProvider(issuer.issuerUrl().value(), AUDIENCE);
        sts = new StsExchange(RetryPolicy.DEFAULT, d -> {}, clock, new SplittableRandom(seed));
    }

    /**
     * Starts the world.
     *
     * @param seed seeds the retry jitter, so that a failing test runs the same way again
     */
    public static RealIssuerWorld start(long seed) throws IOException {
        return new RealIssuerWorld(seed);
    }

    @Override
    public void close() {
        sts.close();
        issuerServer.close();
        aws.close();
    }
}
