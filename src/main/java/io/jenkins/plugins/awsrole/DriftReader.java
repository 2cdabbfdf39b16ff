package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.session.ControllerSessions;
import io.jenkins.plugins.awsrole.engine.sts.ProxySettings;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.trust.IamArn;
import io.jenkins.plugins.awsrole.engine.trustcode.DriftCheck;
import io.jenkins.plugins.awsrole.engine.trustcode.ProviderTrust;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustPlan;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;

/**
 * Runs the drift check the keyless way: a controller session of the read-only drift reader role, an IAM client signed
 * with it, and the engine's {@link DriftCheck} over the part of the plan in the reader's account (IAM is read within one
 * account; roles in other accounts need their own check and are named in the report).
 */
final class DriftReader {

    /** The purpose of the controller session; the reader role's trust policy pins {@code jenkins:controller:} it. */
    static final String PURPOSE = "drift-reader";

    private DriftReader() {}

    /** The check without a proxy. */
    static DriftReport check(TrustPlan plan, String readerRoleArn, ControllerSessions sessions, URI iamEndpoint)
            throws InterruptedException {
        return check(plan, readerRoleArn, sessions, iamEndpoint, ProxySettings.NONE);
    }

    /**
     * @param iamEndpoint the configured IAM endpoint, or {@code null} for the partition's public IAM endpoint; never the
     *     STS override
     * @param proxy the HTTP proxy to reach IAM through, or {@link ProxySettings#NONE}
     * @throws io.jenkins.plugins.awsrole.engine.sts.StsExchangeException when AWS refuses the reader role
     * @throws IllegalArgumentException when the reader ARN is not a role ARN
     */
    static DriftReport check(
            TrustPlan plan, String readerRoleArn, ControllerSessions sessions, URI iamEndpoint, ProxySettings proxy)
            throws InterruptedException {
        IamArn reader = IamArn.parseRole(readerRoleArn);
        String account = reader.account();
        List<String> unchecked =
                plan.accounts().stream().filter(a -> !a.equals(account)).toList();
        RoleSession session = sessions.obtain(reader.arn(), PURPOSE, audience(plan, account));
        IamClientBuilder builder = IamClient.builder()
                .region(globalRegion(reader.partition().id()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                // Named explicitly: the SDK refuses to pick one when several HTTP implementations are on the classpath.
                .httpClientBuilder(proxy.applyTo(ApacheHttpClient.builder()))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD));
        if (iamEndpoint != null) {
            builder.endpointOverride(iamEndpoint);
        }
        try (IamClient iam = builder.build()) {
            return new DriftReport(
                    account, reader.arn(), new DriftCheck(iam).check(plan.forAccount(account)), unchecked);
        }
    }

    /** An audience the account's provider lists, preferring the usual one; the usual one when no role is there. */
    private static String audience(TrustPlan plan, String account) {
        return plan.providers().stream()
                .filter(p -> p.account().equals(account))
                .map(ProviderTrust::audiences)
                .filter(a -> !a.isEmpty() && !a.contains(TokenRequest.DEFAULT_AUDIENCE))
                .map(a -> a.get(0))
                .findFirst()
                .orElse(TokenRequest.DEFAULT_AUDIENCE);
    }

    /** IAM is a global service; the SDK signs it for the partition's global region. */
    private static Region globalRegion(String partition) {
        return switch (partition) {
            case "aws" -> Region.AWS_GLOBAL;
            case "aws-cn" -> Region.AWS_CN_GLOBAL;
            case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
            default -> Region.of(partition + "-global");
        };
    }
}
