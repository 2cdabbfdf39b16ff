package io.jenkins.plugins.awsrole.engine.fakeaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The role-wide cut-off of AWS-FACTS.md §4 ("Revoke active sessions"): a Deny with {@code DateLessThan} on
 * {@code aws:TokenIssueTime} denies every session issued before the time and none issued after it, with the time
 * written in any of IAM's date forms, and is the same Deny a per-session statement uses to reach no later session of
 * the same name.
 */
class FakeAwsTokenIssueTimeTest {

    private static final String SUB = "job:team/app/main:stage:deploy";

    private AwsFixture world;
    private FakeRole role;
    private StsExchange sts;

    @BeforeEach
    void start() throws Exception {
        world = AwsFixture.start();
        role = world.roleFor("deploy", SUB);
        sts = new StsExchange(RetryPolicy.DEFAULT, d -> {}, world.clock, new SplittableRandom(1));
    }

    @AfterEach
    void stop() {
        sts.close();
        world.close();
    }

    @Test
    void aCutOffDeniesOlderSessionsAndNoLaterOneInEveryDateForm() throws Exception {
        RoleSession older = session("team.app.main@1-1");
        Instant cutOff = world.clock.instant().plusSeconds(30);
        world.clock.advance(Duration.ofMinutes(1));
        RoleSession newer = session("team.app.main@2-1");
        String[] forms = {
            cutOff.toString(),
            cutOff.atOffset(ZoneOffset.ofHours(2)).toString(),
            cutOff.plusMillis(250).toString(),
            Long.toString(cutOff.getEpochSecond())
        };

        for (String form : forms) {
            world.aws.putRolePolicy(role.name(), "AWSRevokeOlderSessions", cutOffPolicy(form));

            assertThat(deniedStatus(older))
                    .as("the older session, cut off at %s", form)
                    .isEqualTo(403);
            assertThat(callerOf(newer))
                    .as("the newer session, cut off at %s", form)
                    .endsWith("@2-1");
        }
    }

    @Test
    void aDenyOnTheUserIdBoundedByTheIssueTimeMissesALaterSessionOfTheSameName() throws Exception {
        RoleSession first = session("team.app.main@7-1");
        world.aws.putRolePolicy(
                role.name(),
                "revocations",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:userid\":[\"" + first.assumedRoleId() + "\"]},"
                        + "\"DateLessThan\":{\"aws:TokenIssueTime\":\""
                        + world.clock.instant().plusSeconds(5)
                        + "\"}}}]}");
        world.clock.advance(Duration.ofMinutes(3));

        RoleSession sameName = session("team.app.main@7-1");

        assertThat(sameName.assumedRoleId()).isEqualTo(first.assumedRoleId());
        assertThat(deniedStatus(first)).isEqualTo(403);
        assertThat(callerOf(sameName)).endsWith("/team.app.main@7-1");
    }

    @Test
    void aDateIamCannotReadIsRefusedWhenThePolicyIsPut() throws Exception {
        RoleSession writer = session("team.app.main@3-1");
        world.aws.putRolePolicy(
                role.name(),
                "write",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:PutRolePolicy\","
                        + "\"Resource\":\"*\"}]}");

        try (IamClient iam = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(world.aws.endpoint())
                .credentialsProvider(credentials(writer))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            IamException refused = catchThrowableOfType(
                    IamException.class,
                    () -> iam.putRolePolicy(r -> r.roleName(role.name())
                            .policyName("AWSRevokeOlderSessions")
                            .policyDocument(cutOffPolicy("next tuesday"))));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
        }
        assertThat(role.inlinePolicies()).doesNotContainKey("AWSRevokeOlderSessions");
    }

    /** The shape AWS-FACTS.md §4 gives for the console's "Revoke active sessions". */
    private static String cutOffPolicy(String date) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + date + "\"}}}]}";
    }

    private RoleSession session(String name) throws InterruptedException {
        return sts.exchange(ExchangeRequest.builder()
                .roleArn(role.arn())
                .sessionName(name)
                .webIdentityToken(world.issuer.token(SUB, AwsFixture.AUDIENCE))
                .region("us-east-1")
                .endpoint(world.aws.endpoint())
                .build());
    }

    private static StaticCredentialsProvider credentials(RoleSession session) {
        return StaticCredentialsProvider.create(
                AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
    }

    private StsClient stsAs(RoleSession session) {
        return StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(world.aws.endpoint())
                .credentialsProvider(credentials(session))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private String callerOf(RoleSession session) {
        try (StsClient client = stsAs(session)) {
            return client.getCallerIdentity().arn();
        }
    }

    private int deniedStatus(RoleSession session) {
        try (StsClient client = stsAs(session)) {
            return catchThrowableOfType(StsException.class, client::getCallerIdentity)
                    .statusCode();
        }
    }
}
