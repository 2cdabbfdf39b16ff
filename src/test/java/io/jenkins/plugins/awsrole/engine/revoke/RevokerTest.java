package io.jenkins.plugins.awsrole.engine.revoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.awsrole.engine.fakeaws.AwsFixture;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.Faults;
import io.jenkins.plugins.awsrole.engine.revoke.RevocationResult.Status;
import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Revocation with real peers: the AWS SDK's IAM client, signed with a revoker session the local STS issued for a
 * token of the controller's own {@code sub}; the local IAM enforcing the revoker's permissions, the 10,240-character
 * limit and the written Deny on {@code GetCallerIdentity}.
 */
class RevokerTest {

    private static final String BUILD_SUB = "job:team/app/main:stage:deploy";

    private AwsFixture world;
    private StsExchange sts;
    private FakeRole deploy;
    private FakeRole revokerRole;
    private final AtomicInteger revokerSessions = new AtomicInteger();
    private final List<Revoker> revokers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        world = AwsFixture.start();
        sts = new StsExchange(RetryPolicy.DEFAULT, d -> {}, world.clock, new SplittableRandom(1));
        deploy = world.roleFor("deploy", BUILD_SUB);
        revokerRole = world.aws.createRole(
                "jenkins-revoker",
                RevokerPolicies.trustPolicy(world.providerArn, AwsFixture.AUDIENCE, RevokerPolicies.DEFAULT_SUBJECT));
    }

    @AfterEach
    void stop() {
        revokers.forEach(Revoker::close);
        sts.close();
        world.close();
    }

    /** The documented permissions policy, as an administrator would paste it. */
    private void grantRevokerTheDocumentedPolicy() {
        world.aws.putRolePolicy(revokerRole.name(), "revoke", RevokerPolicies.permissionsPolicy(List.of(deploy.arn())));
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

    /** The controller's own session for the revoker role, as the Jenkins layer will obtain it. */
    private RevokerCredentials revokerCredentials() {
        return new RevokerCredentials(
                () -> {
                    revokerSessions.incrementAndGet();
                    return session(revokerRole, RevokerPolicies.DEFAULT_SUBJECT, "jenkins-controller-revoker");
                },
                world.clock);
    }

    private Revoker revoker(RevokerSettings settings) {
        Revoker revoker = new Revoker(revokerCredentials(), settings, d -> {}, world.clock, new SplittableRandom(2));
        revokers.add(revoker);
        return revoker;
    }

    private Revoker revoker() {
        return revoker(RevokerSettings.defaults().withEndpoint(world.aws.endpoint()));
    }

    private StsClient stsAs(RoleSession session) {
        return StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(world.aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                .build();
    }

    private RevocationPolicy storedPolicy() {
        String json = world.aws.role("deploy").inlinePolicies().get(RevocationPolicy.POLICY_NAME);
        return json == null ? RevocationPolicy.empty() : RevocationPolicy.parse(json);
    }

    @Test
    void aRevokedSessionIsRefusedWhileAnotherSessionOfTheRoleStillWorks() throws Exception {
        grantRevokerTheDocumentedPolicy();
        RoleSession ended = session(deploy, BUILD_SUB, "team.app.main@42-1");
        RoleSession running = session(deploy, BUILD_SUB, "team.app.main@43-1");

        RevocationResult result = revoker().revoke(deploy.arn(), ended);

        assertThat(result.status()).isEqualTo(Status.REVOKED);
        assertThat(result.message()).contains(ended.assumedRoleId()).contains(deploy.arn());
        try (StsClient oldCredentials = stsAs(ended);
                StsClient otherBlock = stsAs(running)) {
            StsException refused = catchThrowableOfType(StsException.class, oldCredentials::getCallerIdentity);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(refused.getMessage()).contains("explicit deny");

            GetCallerIdentityResponse stillWorks = otherBlock.getCallerIdentity();
            assertThat(stillWorks.userId()).isEqualTo(running.assumedRoleId());
        }
    }

    @Test
    void pruningKeepsThePolicyUnderTheLimitAcrossAThousandRevocations() {
        grantRevokerTheDocumentedPolicy();
        Revoker revoker = revoker();
        SplittableRandom random = new SplittableRandom(42);
        List<RevokedSession> all = new ArrayList<>();
        int largest = 0;
        for (int i = 0; i < 1000; i++) {
            world.clock.advance(Duration.ofMinutes(2));
            // sessions of 15 minutes to 1 hour, ended at random points of their life
            Instant expiry = world.clock.instant().plusSeconds(random.nextInt(60, 3600));
            String id = deploy.roleId() + ":team.app.main@" + i + "-" + random.nextInt(1, 20);

            RevocationResult result = revoker.revoke(deploy.arn(), id, world.clock.instant(), expiry);

            assertThat(result.status())
                    .as("revocation %d: %s", i, result.message())
                    .isEqualTo(Status.REVOKED);
            all.add(RevokedSession.issuedAt(id, world.clock.instant(), expiry));
            largest = Math.max(largest, storedPolicy().countedLength());
        }
        RevocationPolicy last = storedPolicy();
        Instant now = world.clock.instant();
        assertThat(largest).isLessThanOrEqualTo(RevocationPolicy.IAM_ROLE_INLINE_LIMIT);
        assertThat(last.entryCount()).isLessThan(100);
        for (RevokedSession s : all) {
            if (now.isBefore(s.expiration())) {
                assertThat(last.contains(s.assumedRoleId()))
                        .as("live session %s", s.assumedRoleId())
                        .isTrue();
            }
        }
        // the controller's own session was renewed as the fake hours went by (33 hours, 1-hour sessions)
        assertThat(revokerSessions.get()).isGreaterThan(30);
    }

    @Test
    void concurrentRevocationsOfOneRoleAllLand() throws Exception {
        grantRevokerTheDocumentedPolicy();
        Revoker revoker = revoker();
        int threads = 6;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<RevocationResult>>> futures = new ArrayList<>();
        Instant expiry = world.clock.instant().plus(Duration.ofMinutes(50));
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<RevocationResult>> task = () -> {
                    go.await();
                    List<RevocationResult> results = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        results.add(revoker.revoke(
                                deploy.arn(),
                                deploy.roleId() + ":job@" + thread + "-" + i,
                                world.clock.instant(),
                                expiry.plusSeconds(i)));
                    }
                    return results;
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            for (Future<List<RevocationResult>> f : futures) {
                assertThat(f.get()).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.REVOKED));
            }
        } finally {
            pool.shutdownNow();
        }
        RevocationPolicy stored = storedPolicy();
        assertThat(stored.entryCount()).isEqualTo(threads * each);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i++) {
                assertThat(stored.contains(deploy.roleId() + ":job@" + t + "-" + i))
                        .isTrue();
            }
        }
    }

    @Test
    void aRevokerWithoutIamPermissionsGetsAFailureThatNamesThePolicyItNeeds() {
        RevocationResult result =
                revoker().revoke(deploy.arn(), deploy.roleId() + ":s@1-1", world.clock.instant(), soon());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.isDone()).isFalse();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.message())
                .contains("AWS refused iam:GetRolePolicy on role " + deploy.arn())
                .contains("AccessDenied")
                .contains("must allow iam:GetRolePolicy and iam:PutRolePolicy")
                .contains("docs/revocation.md")
                .contains("stays usable until");
    }

    @Test
    void aRevokerThatMayReadButNotWriteIsToldSo() {
        world.aws.putRolePolicy(
                revokerRole.name(),
                "read-only",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"iam:GetRolePolicy\",\"Resource\":\"" + deploy.arn() + "\"}]}");

        RevocationResult result =
                revoker().revoke(deploy.arn(), deploy.roleId() + ":s@1-1", world.clock.instant(), soon());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).contains("iam:PutRolePolicy on role " + deploy.arn());
        assertThat(world.aws.role("deploy").inlinePolicies()).isEmpty();
    }

    @Test
    void anUnreachableIamGivesAFailureAfterBoundedRetries() throws Exception {
        grantRevokerTheDocumentedPolicy();
        URI closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        // STS (for the revoker's own session) still answers; only IAM is unreachable
        Revoker revoker = revoker(RevokerSettings.defaults().withEndpoint(closed));

        RevocationResult result =
                revoker.revoke(deploy.arn(), deploy.roleId() + ":s@1-1", world.clock.instant(), soon());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.attempts()).isEqualTo(RevokerSettings.DEFAULT_RETRY.maxAttempts());
        assertThat(result.message())
                .contains("IAM at " + closed)
                .contains("iam:GetRolePolicy")
                .contains("Check the IAM endpoint");
    }

    @Test
    void aDroppedConnectionOnEveryIamCallGivesAFailure() {
        grantRevokerTheDocumentedPolicy();
        world.aws.faults().onlyFor("GetRolePolicy", "PutRolePolicy").always(Faults.Kind.CONNECTION_RESET);

        RevocationResult result =
                revoker().revoke(deploy.arn(), deploy.roleId() + ":s@1-1", world.clock.instant(), soon());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).contains("gave no usable answer");
        assertThat(world.aws.calls("GetRolePolicy")).isEqualTo(RevokerSettings.DEFAULT_RETRY.maxAttempts());
    }

    @Test
    void throttlingAndServerErrorsAreRetried() {
        grantRevokerTheDocumentedPolicy();
        world.aws
                .faults()
                .onlyFor("GetRolePolicy", "PutRolePolicy")
                .next(Faults.Kind.THROTTLING, 2)
                .next(Faults.Kind.SERVICE_UNAVAILABLE, 1);

        RevocationResult result =
                revoker().revoke(deploy.arn(), deploy.roleId() + ":s@1-1", world.clock.instant(), soon());

        assertThat(result.status()).as(result.message()).isEqualTo(Status.REVOKED);
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(storedPolicy().contains(deploy.roleId() + ":s@1-1")).isTrue();
    }

    @Test
    void aRevokerRoleThatCannotBeAssumedGivesAFailure() {
        Revoker revoker = new Revoker(
                new RevokerCredentials(
                        () -> session(revokerRole, "job:someone-else:stage:x", "jenkins-controller-revoker"),
                        world.clock),
                RevokerSettings.defaults().withEndpoint(world.aws.endpoint()),
                d -> {},
                world.clock,
                new SplittableRandom(3));
        revokers.add(revoker);

        RevocationResult result =
                revoker.revoke(deploy.arn(), deploy.roleId() + ":s@1-1", world.clock.instant(), soon());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.message())
                .contains("could not assume the revoker role")
                .contains("trust policy");
    }

    /**
     * Issue 13, item 6: a full policy used to fail the revocation, leaving the session live. Now the revoker falls back
     * to AWS's role-wide cut-off, which folds the older entries in: every revoked session is denied, so is every other
     * session of the role issued before the cut-off, and a session issued after it works.
     */
    @Test
    void aFullPolicyFallsBackToTheRoleWideCutOffInsteadOfFailingOpen() throws Exception {
        grantRevokerTheDocumentedPolicy();
        RoleSession running = session(deploy, BUILD_SUB, "team.app.main@9-1");
        List<RoleSession> ended = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            world.clock.advance(Duration.ofSeconds(30));
            ended.add(session(deploy, BUILD_SUB, "team.app.main@" + i + "-1"));
        }
        Revoker revoker = revoker(
                RevokerSettings.defaults().withEndpoint(world.aws.endpoint()).withMaxPolicyCharacters(twoEntries()));

        RevocationResult first = revoker.revoke(deploy.arn(), ended.get(0));
        RevocationResult second = revoker.revoke(deploy.arn(), ended.get(1));
        RevocationResult third = revoker.revoke(deploy.arn(), ended.get(2));
        world.clock.advance(Duration.ofSeconds(30));
        RoleSession later = session(deploy, BUILD_SUB, "team.app.main@4-1");

        assertThat(first.status()).isEqualTo(Status.REVOKED);
        assertThat(second.status()).isEqualTo(Status.REVOKED);
        assertThat(third.status()).as(third.message()).isEqualTo(Status.REVOKED_ROLE_WIDE);
        assertThat(third.isDone()).isTrue();
        Instant cutOff = ended.get(2).issuedAt().plus(RevokedSession.ISSUE_TIME_MARGIN);
        assertThat(third.message())
                .contains("role-wide cut-off")
                .contains("issued before " + cutOff)
                .contains("other builds' sessions");
        assertThat(storedPolicy().cutOff().orElseThrow().issuedBefore()).isEqualTo(cutOff);
        assertThat(storedPolicy().entryCount()).isZero();
        for (RoleSession revoked : ended) {
            assertThat(deniedStatus(revoked)).as(revoked.sessionName()).isEqualTo(403);
        }
        assertThat(deniedStatus(running))
                .as("a session issued before the cut-off, never revoked: what the fallback costs")
                .isEqualTo(403);
        try (StsClient client = stsAs(later)) {
            assertThat(client.getCallerIdentity().userId()).isEqualTo(later.assumedRoleId());
        }
    }

    /** The role's other inline policies use IAM's 10,240 characters up: IAM refuses the write, the cut-off goes in. */
    @Test
    void whenIamRefusesTheWriteForTheRolesSizeTheCutOffGoesIn() throws Exception {
        grantRevokerTheDocumentedPolicy();
        world.aws.putRolePolicy("deploy", "other", paddingPolicy(RevocationPolicy.IAM_ROLE_INLINE_LIMIT - 600));
        Revoker revoker = revoker();
        List<RoleSession> ended = new ArrayList<>();
        List<RevocationResult> results = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            world.clock.advance(Duration.ofSeconds(30));
            RoleSession s = session(deploy, BUILD_SUB, "team.app.main@" + i + "-1");
            ended.add(s);
            results.add(revoker.revoke(deploy.arn(), s));
        }

        assertThat(results)
                .extracting(RevocationResult::status)
                .contains(Status.REVOKED_ROLE_WIDE)
                .doesNotContain(Status.FAILED);
        for (RoleSession revoked : ended) {
            assertThat(deniedStatus(revoked)).as(revoked.sessionName()).isEqualTo(403);
        }
        assertThat(world.aws.role("deploy").inlinePolicies()).containsKey("other");
    }

    /**
     * Issue 13, item 7: two sessions may share a name (a job deleted and created again, another controller with the
     * same job names). The Deny of the first must not reach the second, issued after it.
     */
    @Test
    void theDenyOfASessionDoesNotReachALaterSessionOfTheSameName() throws Exception {
        grantRevokerTheDocumentedPolicy();
        RoleSession first = session(deploy, BUILD_SUB, "team.app.main@42-7");

        RevocationResult result = revoker().revoke(deploy.arn(), first);
        world.clock.advance(Duration.ofMinutes(2));
        RoleSession sameName = session(deploy, BUILD_SUB, "team.app.main@42-7");

        assertThat(result.status()).isEqualTo(Status.REVOKED);
        assertThat(sameName.assumedRoleId()).isEqualTo(first.assumedRoleId());
        assertThat(deniedStatus(first)).isEqualTo(403);
        try (StsClient client = stsAs(sameName)) {
            assertThat(client.getCallerIdentity().userId()).isEqualTo(sameName.assumedRoleId());
        }
    }

    @Test
    void aSessionWhoseIssueTimeIsUnknownIsDeniedAndTheDenyEndsSoonAfter() throws Exception {
        grantRevokerTheDocumentedPolicy();
        RoleSession first = session(deploy, BUILD_SUB, "team.app.main@43-7");

        RevocationResult result = revoker().revoke(deploy.arn(), first.assumedRoleId(), null, first.expiration());
        world.clock.advance(RevocationPolicy.PRUNE_GRACE.plusMinutes(1));
        RoleSession sameName = session(deploy, BUILD_SUB, "team.app.main@43-7");

        assertThat(result.status()).isEqualTo(Status.REVOKED);
        assertThat(deniedStatus(first)).isEqualTo(403);
        try (StsClient client = stsAs(sameName)) {
            assertThat(client.getCallerIdentity().userId()).isEqualTo(sameName.assumedRoleId());
        }
    }

    @Test
    void aHandEditedPolicyIsNotOverwritten() {
        grantRevokerTheDocumentedPolicy();
        String foreign = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}";
        world.aws.putRolePolicy("deploy", RevocationPolicy.POLICY_NAME, foreign);

        RevocationResult result =
                revoker().revoke(deploy.arn(), deploy.roleId() + ":s@1-1", world.clock.instant(), soon());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).contains("was not written by this plugin");
        assertThat(world.aws.role("deploy").inlinePolicies().get(RevocationPolicy.POLICY_NAME))
                .isEqualTo(foreign);
    }

    @Test
    void aRoleThatDoesNotExistIsNamedInTheFailure() {
        String ghost = "arn:aws:iam::" + deploy.account() + ":role/ghost";
        world.aws.putRolePolicy(revokerRole.name(), "revoke", RevokerPolicies.permissionsPolicy(List.of(ghost)));

        RevocationResult result = revoker().revoke(ghost, "AROAGHOSTGHOSTGHOST12:s@1-1", world.clock.instant(), soon());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).contains("NoSuchEntity").contains("check the mapping's role ARN");
    }

    @Test
    void anExpiredSessionNeedsNoWrite() {
        RevocationResult result = revoker()
                .revoke(
                        deploy.arn(),
                        deploy.roleId() + ":s@1-1",
                        world.clock.instant().minus(Duration.ofHours(1)),
                        world.clock.instant().minusSeconds(1));

        assertThat(result.status()).isEqualTo(Status.ALREADY_EXPIRED);
        assertThat(result.isDone()).isTrue();
        assertThat(world.aws.calls("GetRolePolicy")).isZero();
    }

    @Test
    void badInputIsAFailureNotAnException() {
        RevocationResult result =
                revoker().revoke("not-an-arn", deploy.roleId() + ":s@1-1", world.clock.instant(), soon());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).startsWith("Cannot revoke the session:");
    }

    @Test
    void theRevokerPoliciesAreValidIamJsonThatTheDocsCanShow() {
        String permissions = RevokerPolicies.permissionsPolicy(List.of(deploy.arn()));
        String trust =
                RevokerPolicies.trustPolicy(world.providerArn, "sts.amazonaws.com", "jenkins:controller:revoker");

        assertThat(permissions)
                .contains("\"iam:GetRolePolicy\", \"iam:PutRolePolicy\"")
                .contains(deploy.arn());
        assertThat(trust).contains(":sub\": \"jenkins:controller:revoker\"").contains(world.providerArn);
    }

    /** The size of a policy holding two revocations with names of that test: no room for a third. */
    private int twoEntries() {
        Instant now = world.clock.instant();
        return RevocationPolicy.empty()
                .with(RevokedSession.issuedAt(deploy.roleId() + ":team.app.main@1-1", now, soon()))
                .with(RevokedSession.issuedAt(deploy.roleId() + ":team.app.main@2-1", now.plusSeconds(30), soon()))
                .countedLength();
    }

    /** An inline policy of about {@code characters} characters that allows nothing of consequence. */
    private static String paddingPolicy(int characters) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::";
        String tail = "/*\"}]}";
        return head + "b".repeat(characters - head.length() - tail.length()) + tail;
    }

    private int deniedStatus(RoleSession session) {
        try (StsClient client = stsAs(session)) {
            return catchThrowableOfType(StsException.class, client::getCallerIdentity)
                    .statusCode();
        }
    }

    private Instant soon() {
        return world.clock.instant().plus(Duration.ofMinutes(30));
    }
}
