package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.io.IOException;

/**
 * The usual test world in one object: a fake AWS account, an issuer registered in it as an OIDC provider with
 * audience {@code sts.amazonaws.com}, and a clock both share. Close it after the test.
 */
public final class AwsFixture implements AutoCloseable {

    /** The default audience of the plugin's tokens. */
    public static final String AUDIENCE = "sts.amazonaws.com";

    public final FakeClock clock;
    public final FakeAws aws;
    public final TestIssuer issuer;
    public final String providerArn;

    private AwsFixture() throws IOException {
        this.clock = FakeClock.atRealNow();
        this.aws = FakeAws.start(clock);
        this.issuer = TestIssuer.start(clock);
        this.providerArn = aws.createOidcProvider(issuer.issuer(), AUDIENCE);
    }

    /** Starts the fake AWS server and the issuer. */
    public static AwsFixture start() throws IOException {
        return new AwsFixture();
    }

    /** A role whose trust policy admits tokens with {@code aud} = {@link #AUDIENCE} and a matching {@code sub}. */
    public FakeRole roleFor(String roleName, String subjectPattern, String... extraActions) {
        return aws.createRole(roleName, FakeAws.trustPolicy(providerArn, AUDIENCE, subjectPattern, extraActions));
    }

    @Override
    public void close() {
        issuer.close();
        aws.close();
    }
}
