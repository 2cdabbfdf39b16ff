package io.jenkins.plugins.awsrole.engine.fakeaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Role chaining on the local AWS server, through the AWS SDK's own signing: {@code AssumeRole} signed by a web
 * identity session, with the checks AWS makes on both sides, a second account kept apart from the first, and the
 * chained session treated like any other by {@code GetCallerIdentity}, IAM and a revocation Deny.
 */
class FakeAwsChainTest {

    private static final String SUB = "job:team/app:stage:deploy";
    private static final String OTHER = FakeAws.SECOND_ACCOUNT;

    private AwsFixture world;
    private FakeRole first;

    @BeforeEach
    void start() throws Exception {
        world = AwsFixture.start();
        first = world.roleFor("jenkins-hub", SUB, "sts:SetSourceIdentity", "sts:TagSession");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private StsClient sts(StaticCredentialsProvider credentials) {
        return StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(world.aws.endpoint())
                .credentialsProvider(credentials == null ? AnonymousCredentialsProvider.create() : credentials)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static StaticCredentialsProvider of(Credentials c) {
        return StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    /** The web identity session of {@link #first}, with a token of these extra claims. */
    private Credentials webIdentity(Consumer<com.nimbusds.jwt.JWTClaimsSet.Builder> extra) {
        var claims = world.issuer.claims(SUB, AwsFixture.AUDIENCE);
        extra.accept(claims);
        try (StsClient sts = sts(null)) {
            return sts.assumeRoleWithWebIdentity(r -> r.roleArn(first.arn())
                            .roleSessionName("team.app@7-1")
                            .webIdentityToken(world.issuer.mint(claims.build())))
                    .credentials();
        }
    }

    private Credentials webIdentity() {
        return webIdentity(c -> {});
    }

    private AssumeRoleResponse chain(Credentials from, Consumer<AssumeRoleRequest.Builder> request) {
        try (StsClient sts = sts(of(from))) {
            return sts.assumeRole(b -> request.accept(b.roleSessionName("team.app@7-1")));
        }
    }

    private StsException refusedChain(Credentials from, Consumer<AssumeRoleRequest.Builder> request) {
        return catchThrowableOfType(StsException.class, () -> chain(from, request));
    }

    @Test
    void aRoleThatNamesTheFirstRoleInItsAccountTrustsItsSessions() {
        FakeRole target = world.aws.createRole("deploy", FakeAws.chainTrustPolicy(first.arn()));

        AssumeRoleResponse chained = chain(webIdentity(), r -> r.roleArn(target.arn()));

        assertThat(chained.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::" + FakeAws.ACCOUNT + ":assumed-role/deploy/team.app@7-1");
        assertThat(chained.assumedRoleUser().assumedRoleId()).isEqualTo(target.roleId() + ":team.app@7-1");
        IssuedSession issued = world.aws.sessions().get(1);
        assertThat(issued.isChained()).isTrue();
        assertThat(issued.chainedFrom().role()).isEqualTo(first);
        try (StsClient sts = sts(of(chained.credentials()))) {
            assertThat(sts.getCallerIdentity().arn())
                    .isEqualTo(chained.assumedRoleUser().arn());
        }
    }

    @Test
    void theSecondAccountKeepsItsRolesApartAndAnswersAsItself() {
        FakeAccount other = world.aws.account(OTHER);
        world.aws.createRole("deploy", FakeAws.chainTrustPolicy("arn:aws:iam::" + OTHER + ":root"));
        FakeRole target = other.createRole("deploy", FakeAws.chainTrustPolicy(first.arn()));
        world.aws.putRolePolicy(first.name(), "chain", FakeAws.allowOn(target.arn(), "sts:AssumeRole"));

        AssumeRoleResponse chained = chain(webIdentity(), r -> r.roleArn(target.arn()));

        assertThat(target.arn()).isEqualTo("arn:aws:iam::" + OTHER + ":role/deploy");
        assertThat(target.roleId()).isNotEqualTo(world.aws.role("deploy").roleId());
        try (StsClient sts = sts(of(chained.credentials()))) {
            var me = sts.getCallerIdentity();
            assertThat(me.account()).isEqualTo(OTHER);
            assertThat(me.arn()).isEqualTo("arn:aws:sts::" + OTHER + ":assumed-role/deploy/team.app@7-1");
        }
    }

    @Test
    void anotherAccountAlsoNeedsTheCallersOwnPermission() {
        FakeRole target = world.aws.account(OTHER).createRole("deploy", FakeAws.chainTrustPolicy(first.arn()));

        StsException refused = refusedChain(webIdentity(), r -> r.roleArn(target.arn()));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(refused.awsErrorDetails().errorMessage())
                .contains("is not authorized to perform: sts:AssumeRole on resource: " + target.arn())
                .contains("no identity-based policy allows");
    }

    @Test
    void aTrustPolicyNamingTheAccountDelegatesToTheCallersPolicies() {
        FakeRole target = world.aws.createRole(
                "deploy",
                FakeAws.chainTrustPolicy(world.aws.account(FakeAws.ACCOUNT).rootArn()));

        assertThat(refusedChain(webIdentity(), r -> r.roleArn(target.arn())).statusCode())
                .isEqualTo(403);

        world.aws.putRolePolicy(first.name(), "chain", FakeAws.allowOn(target.arn(), "sts:AssumeRole"));
        assertThat(chain(webIdentity(), r -> r.roleArn(target.arn())).credentials())
                .isNotNull();
    }

    @Test
    void aRoleThatTrustsSomeoneElseRefusesWithAwsWords() {
        FakeRole stranger = world.aws.createRole("stranger", FakeAws.trustPolicy(world.providerArn, "x", "y"));
        FakeRole target = world.aws.createRole("deploy", FakeAws.chainTrustPolicy(stranger.arn()));
        Credentials session = webIdentity();

        StsException refused = refusedChain(session, r -> r.roleArn(target.arn()));

        assertThat(refused.awsErrorDetails().errorMessage())
                .isEqualTo("User: arn:aws:sts::" + FakeAws.ACCOUNT
                        + ":assumed-role/jenkins-hub/team.app@7-1 is not authorized to perform: sts:AssumeRole on"
                        + " resource: " + target.arn());
        assertThat(refusedChain(session, r -> r.roleArn("arn:aws:iam::" + OTHER + ":role/missing"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRevokedSessionCannotChain() {
        FakeRole target = world.aws.createRole("deploy", FakeAws.chainTrustPolicy(first.arn()));
        Credentials session = webIdentity();
        IssuedSession issued = world.aws.sessions().get(0);
        world.aws.putRolePolicy(
                first.name(),
                "aws-oidc-role-revocations",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:userid\":\"" + issued.assumedRoleId() + "\"}}}]}");

        StsException refused = refusedChain(session, r -> r.roleArn(target.arn()));

        assertThat(refused.awsErrorDetails().errorMessage()).contains("explicit deny");
    }

    @Test
    void aChainedSessionLastsAnHourAtMostWhateverTheRoleAllows() {
        FakeRole target = world.aws.createRole("deploy", FakeAws.chainTrustPolicy(first.arn()), 43200);

        StsException refused =
                refusedChain(webIdentity(), r -> r.roleArn(target.arn()).durationSeconds(3601));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(refused.awsErrorDetails().errorMessage())
                .isEqualTo("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role"
                        + " chaining.");
        assertThat(chain(webIdentity(), r -> r.roleArn(target.arn()).durationSeconds(3600))
                        .credentials()
                        .expiration())
                .isEqualTo(world.clock.instant().plusSeconds(3600));
    }

    @Test
    void aSourceIdentityCarriesThroughNeedsBothSidesAndNeverChanges() {
        FakeRole plain = world.aws.createRole("plain", FakeAws.chainTrustPolicy(first.arn()));
        FakeRole target =
                world.aws.createRole("deploy", FakeAws.chainTrustPolicy(first.arn(), "sts:SetSourceIdentity"));
        Credentials session = webIdentity(c -> c.claim("https://aws.amazon.com/source_identity", "team.app@7"));

        assertThat(refusedChain(session, r -> r.roleArn(plain.arn()))
                        .awsErrorDetails()
                        .errorMessage())
                .contains("sts:SetSourceIdentity");
        assertThat(refusedChain(session, r -> r.roleArn(target.arn()).sourceIdentity("team.app@7"))
                        .awsErrorDetails()
                        .errorMessage())
                .as("the caller's own policies must allow sts:SetSourceIdentity too")
                .contains("sts:SetSourceIdentity");

        world.aws.putRolePolicy(
                first.name(), "chain", FakeAws.allowOn(target.arn(), "sts:AssumeRole", "sts:SetSourceIdentity"));
        AssumeRoleResponse chained = chain(session, r -> r.roleArn(target.arn()).sourceIdentity("team.app@7"));
        assertThat(chained.sourceIdentity()).isEqualTo("team.app@7");
        assertThat(chain(session, r -> r.roleArn(target.arn())).sourceIdentity())
                .as("kept along the chain even when not passed again")
                .isEqualTo("team.app@7");
        assertThat(refusedChain(session, r -> r.roleArn(target.arn()).sourceIdentity("someone.else"))
                        .awsErrorDetails()
                        .errorMessage())
                .contains("cannot be changed");
    }

    @Test
    void transitiveTagsCarryThroughAndNeedTagSession() {
        FakeRole plain = world.aws.createRole("plain", FakeAws.chainTrustPolicy(first.arn()));
        FakeRole target = world.aws.createRole("deploy", FakeAws.chainTrustPolicy(first.arn(), "sts:TagSession"));
        Credentials session = webIdentity(c -> c.claim(
                "https://aws.amazon.com/tags",
                Map.of(
                        "principal_tags",
                        Map.of("team", List.of("app"), "build", List.of("7")),
                        "transitive_tag_keys",
                        List.of("team"))));

        assertThat(refusedChain(session, r -> r.roleArn(plain.arn()))
                        .awsErrorDetails()
                        .errorMessage())
                .contains("sts:TagSession");
        chain(session, r -> r.roleArn(target.arn()));

        IssuedSession chained = world.aws.sessions().get(1);
        assertThat(chained.principalTags()).containsExactly(Map.entry("team", "app"));
        assertThat(chained.transitiveTagKeys()).containsExactly("team");
    }

    @Test
    void iamCallsReachOnlyTheCallersOwnAccountAndADenyRevokesAChainedSession() {
        FakeAccount other = world.aws.account(OTHER);
        FakeRole target = other.createRole("deploy", FakeAws.chainTrustPolicy(first.arn()));
        world.aws.putRolePolicy(first.name(), "chain", FakeAws.allowOn(target.arn(), "sts:AssumeRole"));
        other.putRolePolicy(
                "deploy", "self", FakeAws.allowOn("arn:aws:iam::" + OTHER + ":role/*", "iam:GetRolePolicy"));
        world.aws.createRole("only-in-first", FakeAws.chainTrustPolicy(first.arn()));
        Credentials chained = chain(webIdentity(), r -> r.roleArn(target.arn())).credentials();

        try (IamClient iam = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(world.aws.endpoint())
                .credentialsProvider(of(chained))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            assertThat(iam.getRolePolicy(r -> r.roleName("deploy").policyName("self"))
                            .roleName())
                    .isEqualTo("deploy");
            IamException missing = catchThrowableOfType(
                    IamException.class,
                    () -> iam.getRolePolicy(r -> r.roleName("only-in-first").policyName("x")));
            assertThat(missing.awsErrorDetails().errorCode())
                    .as("a role of the first account is not there for a session of the second")
                    .isEqualTo("NoSuchEntity");
        }

        IssuedSession issued = world.aws.sessions().get(1);
        other.putRolePolicy(
                "deploy",
                "aws-oidc-role-revocations",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:userid\":\"" + issued.assumedRoleId() + "\"}}}]}");
        try (StsClient sts = sts(of(chained))) {
            StsException denied = catchThrowableOfType(StsException.class, sts::getCallerIdentity);
            assertThat(denied.getMessage()).contains("explicit deny");
        }
    }

    @Test
    void aWebIdentityTokenNeedsAProviderInTheRolesOwnAccount() {
        FakeRole elsewhere = world.aws
                .account(OTHER)
                .createRole(
                        "deploy",
                        FakeAws.trustPolicy(
                                "arn:aws:iam::" + OTHER + ":oidc-provider/"
                                        + State.withoutScheme(world.issuer.issuer()),
                                AwsFixture.AUDIENCE,
                                SUB));

        try (StsClient sts = sts(null)) {
            StsException refused = catchThrowableOfType(
                    StsException.class,
                    () -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(elsewhere.arn())
                            .roleSessionName("team.app@7-1")
                            .webIdentityToken(world.issuer.token(SUB, AwsFixture.AUDIENCE))));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
            assertThat(refused.awsErrorDetails().errorMessage()).contains("No OpenIDConnect provider");
        }
    }
}
