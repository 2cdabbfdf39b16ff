package io.jenkins.plugins.awsrole.engine.fakeaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * What issued credentials can do, through the AWS SDK's own signing: {@code GetCallerIdentity} and the IAM calls
 * revocation needs, refused once the session expires or a Deny names it.
 */
class FakeAwsSessionTest {

    private static final String SUB = "job:ops/revoker:stage:revoke";

    private AwsFixture world;
    private FakeRole role;
    private RoleSession session;

    @BeforeEach
    void assumeRole() throws Exception {
        world = AwsFixture.start();
        role = world.roleFor("revoker", SUB);
        try (StsExchange exchange =
                new StsExchange(RetryPolicy.DEFAULT, d -> {}, world.clock, new SplittableRandom(1))) {
            session = exchange.exchange(ExchangeRequest.builder()
                    .roleArn(role.arn())
                    .sessionName("ops.revoker@1-1")
                    .webIdentityToken(world.issuer.token(SUB, AwsFixture.AUDIENCE))
                    .region("us-east-1")
                    .endpoint(world.aws.endpoint())
                    .build());
        }
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private StaticCredentialsProvider credentials(String secret) {
        return StaticCredentialsProvider.create(
                AwsSessionCredentials.create(session.accessKeyId(), secret, session.sessionToken()));
    }

    private StsClient sts(String secret) {
        return StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(world.aws.endpoint())
                .credentialsProvider(credentials(secret))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private IamClient iam() {
        return IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(world.aws.endpoint())
                .credentialsProvider(credentials(session.secretAccessKey()))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Test
    void sdkSignedGetCallerIdentityWorksUntilTheSessionExpires() {
        try (StsClient sts = sts(session.secretAccessKey())) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.arn()).isEqualTo(session.assumedRoleArn());
            assertThat(me.userId()).isEqualTo(session.assumedRoleId());
            assertThat(me.account()).isEqualTo(FakeAws.ACCOUNT);

            world.clock.set(session.expiration());

            StsException e = catchThrowableOfType(StsException.class, sts::getCallerIdentity);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
            assertThat(e.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void wrongSecretDoesNotMatchTheSignature() {
        try (StsClient sts = sts("x".repeat(40))) {
            StsException e = catchThrowableOfType(StsException.class, sts::getCallerIdentity);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        }
    }

    @Test
    void denyOnTheSessionsUserIdRevokesIt() {
        world.aws.putRolePolicy(
                "revoker",
                "AwsOidcRoleRevocations",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringLike\":{\"aws:userid\":\"" + session.assumedRoleId() + "\"}}}]}");

        try (StsClient sts = sts(session.secretAccessKey())) {
            StsException e = catchThrowableOfType(StsException.class, sts::getCallerIdentity);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).contains("with an explicit deny");
        }
    }

    @Test
    void denyOfOtherSessionsLeavesThisOneAlone() {
        world.aws.putRolePolicy(
                "revoker",
                "AwsOidcRoleRevocations",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:userid\":\"" + role.roleId() + ":other@1-1\"}}}]}");

        try (StsClient sts = sts(session.secretAccessKey())) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(session.assumedRoleArn());
        }
    }

    @Test
    void iamInlinePolicyRoundTripWithinTheSizeLimit() {
        world.aws.putRolePolicy(
                "revoker",
                "ManageRevocations",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:GetRole\","
                        + "\"iam:*RolePolicy\",\"iam:ListRolePolicies\"],\"Resource\":\"arn:aws:iam::123456789012:role/*\"}]}");
        world.aws.createRole("deploy", role.trustPolicy());
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"aws:userid\":\"AROA+X:a b*\"}}}]}";

        try (IamClient iam = iam()) {
            assertThat(iam.getRole(r -> r.roleName("deploy")).role().arn())
                    .isEqualTo("arn:aws:iam::123456789012:role/deploy");
            assertThat(URLDecoder.decode(
                            iam.getRole(r -> r.roleName("deploy")).role().assumeRolePolicyDocument(),
                            StandardCharsets.UTF_8))
                    .isEqualTo(role.trustPolicy());

            iam.putRolePolicy(
                    r -> r.roleName("deploy").policyName("Revocations").policyDocument(deny));
            String encoded = iam.getRolePolicy(r -> r.roleName("deploy").policyName("Revocations"))
                    .policyDocument();
            assertThat(encoded).contains("%2B").doesNotContain("+").doesNotContain("{");
            assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(deny);
            assertThat(iam.listRolePolicies(r -> r.roleName("deploy")).policyNames())
                    .containsExactly("Revocations");

            String huge = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
                    + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:userid\":\"" + "A".repeat(10_100)
                    + "\"}}}]}";
            IamException tooBig = catchThrowableOfType(
                    IamException.class,
                    () -> iam.putRolePolicy(
                            r -> r.roleName("deploy").policyName("More").policyDocument(huge)));
            assertThat(tooBig.statusCode()).isEqualTo(409);
            assertThat(tooBig.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
            assertThat(tooBig.awsErrorDetails().errorMessage())
                    .isEqualTo("Maximum policy size of 10240 bytes exceeded for role deploy");

            IamException malformed = catchThrowableOfType(
                    IamException.class,
                    () -> iam.putRolePolicy(
                            r -> r.roleName("deploy").policyName("Bad").policyDocument("{nope")));
            assertThat(malformed.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");

            iam.deleteRolePolicy(r -> r.roleName("deploy").policyName("Revocations"));
            assertThat(iam.listRolePolicies(r -> r.roleName("deploy")).policyNames())
                    .isEmpty();
            IamException gone = catchThrowableOfType(
                    IamException.class,
                    () -> iam.getRolePolicy(r -> r.roleName("deploy").policyName("Revocations")));
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
        }
    }

    @Test
    void iamNeedsAnAllowingPolicyAndAnUnexpiredSession() {
        try (IamClient iam = iam()) {
            IamException denied =
                    catchThrowableOfType(IamException.class, () -> iam.getRole(r -> r.roleName("revoker")));
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(denied.awsErrorDetails().errorMessage())
                    .contains("no identity-based policy allows the iam:GetRole action");

            world.aws.putRolePolicy(
                    "revoker",
                    "Read",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetRole\","
                            + "\"Resource\":\"*\"}]}");
            assertThat(iam.getRole(r -> r.roleName("revoker")).role().maxSessionDuration())
                    .isEqualTo(3600);

            world.clock.advance(Duration.ofHours(2));
            IamException expired =
                    catchThrowableOfType(IamException.class, () -> iam.getRole(r -> r.roleName("revoker")));
            assertThat(expired.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
        }
    }
}
