package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import io.jenkins.plugins.awsrole.engine.json.JsonWriter;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerHttpServer;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerSettings;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Real peers for the trust-as-code tests: the plugin's own issuer published over HTTP, the local AWS server that
 * fetches its keys and evaluates trust policies, and the real SDK (STS through {@link StsExchange}, IAM through an
 * {@link IamClient} signed with a session of a read-only role, obtained with a token, as the Jenkins layer will).
 */
final class TrustWorld implements AutoCloseable {

    static final String ACCOUNT = FakeAws.ACCOUNT;
    static final String READER_ROLE = "aws-oidc-role-drift-reader";
    static final String READER_SUB = "job:ops/drift:stage:drift-reader";

    final FakeClock clock;
    final FakeAws aws;
    final IssuerHttpServer issuerServer;
    final OidcIssuer issuer;
    final IssuerUrl issuerUrl;
    final StsExchange sts;
    final String providerArn;
    private IamClient iam;

    TrustWorld(String... audiences) throws IOException {
        clock = FakeClock.atRealNow();
        aws = FakeAws.start(clock);
        issuerServer = new IssuerHttpServer();
        issuerUrl = issuerServer.issuerUrl();
        issuer = OidcIssuer.create(IssuerSettings.defaults(issuerUrl), null, clock, s -> {});
        issuerServer.serve(issuer);
        providerArn = aws.createOidcProvider(issuerUrl.value(), audiences);
        sts = new StsExchange(RetryPolicy.DEFAULT, d -> {}, clock, new SplittableRandom(8));
    }

    static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    static TrustMapping.Builder mapping(String stage, String roleName, String... jobs) {
        return TrustMapping.builder().stage(stage).roleArn(roleArn(roleName)).jobs(jobs);
    }

    TrustPlan plan(TrustMapping... mappings) {
        return TrustPlan.of(TrustMappings.of(List.of(mappings)), issuerUrl, null);
    }

    /** Creates every role of the plan in the fake account exactly as the export says. */
    void applyExport(TrustPlan plan) {
        Map<String, String> policies = TrustPolicyExport.byRole(plan);
        for (RoleTrust role : plan.roles()) {
            aws.createRole(role.arn().name(), policies.get(role.arn().arn()), role.maxSessionDurationSeconds());
        }
    }

    /**
     * Presents a token for this job and stage straight to STS for a role, without the plugin's decision.
     *
     * @return whether AWS issued credentials (they are dropped at once)
     */
    boolean awsAdmits(String stage, String job, String roleName, String audience) throws InterruptedException {
        String token = issuer.mint(TokenRequest.of(BuildIdentity.ofJob(job, 1, null), stage)
                        .withAudience(audience))
                .token();
        try {
            exchange(roleName, token);
            return true;
        } catch (StsExchangeException e) {
            if (e.code().equals("AccessDenied")) {
                return false;
            }
            throw e;
        }
    }

    private RoleSession exchange(String roleName, String token) throws InterruptedException {
        return sts.exchange(ExchangeRequest.builder()
                .roleArn(roleArn(roleName))
                .sessionName("probe-" + roleName)
                .webIdentityToken(token)
                .region("us-east-1")
                .endpoint(aws.endpoint())
                .durationSeconds(900)
                .build());
    }

    /**
     * An IAM client of a drift-reader role whose only permissions are {@code readerPolicy}: the documented read-only
     * policy, or a narrower one to test refusals.
     */
    IamClient reader(String readerPolicy) throws InterruptedException {
        aws.createRole(READER_ROLE, FakeAws.trustPolicy(providerArn, "sts.amazonaws.com", READER_SUB));
        aws.putRolePolicy(READER_ROLE, "read", readerPolicy);
        String token = issuer.mint(TokenRequest.of(BuildIdentity.ofJob("ops/drift", 1, null), "drift-reader"))
                .token();
        RoleSession session = exchange(READER_ROLE, token);
        iam = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        return iam;
    }

    /** A reader with exactly the documented read-only policy for this plan. */
    IamClient reader(TrustPlan plan) throws InterruptedException {
        return reader(JsonWriter.toText(PolicyDocuments.driftReaderPolicy(plan)));
    }

    @Override
    public void close() {
        if (iam != null) {
            iam.close();
        }
        sts.close();
        issuerServer.close();
        aws.close();
    }
}
