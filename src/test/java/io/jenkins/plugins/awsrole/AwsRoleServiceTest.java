package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.ExtensionList;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.revoke.Revoker;
import io.jenkins.plugins.awsrole.engine.session.BrokerSettings;
import io.jenkins.plugins.awsrole.engine.session.ControllerSessions;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import io.jenkins.plugins.awsrole.engine.trustcode.SharedCheck;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustPlan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** The service keeps one revoker for the configured revocation role, and makes a new one when the role changes. */
class AwsRoleServiceTest {

    private final AwsRoleConfiguration config = mock(AwsRoleConfiguration.class);
    private MockedStatic<ExtensionList> extensions;

    @BeforeEach
    void start() {
        extensions = mockStatic(ExtensionList.class);
        extensions
                .when(() -> ExtensionList.lookupSingleton(AwsRoleConfiguration.class))
                .thenReturn(config);
    }

    @AfterEach
    void stop() {
        extensions.close();
    }

    @Test
    void noRevocationRoleMeansNoRevoker() {
        assertThat(new AwsRoleService().revoker()).isNull();
    }

    @Test
    void theRevokerIsKeptWhileTheRoleStaysAndReplacedWhenItChanges() {
        AwsRoleService service = new AwsRoleService();
        when(config.getRevocationRoleArn()).thenReturn("arn:aws:iam::123456789012:role/revoker-a");
        Revoker first = service.revoker();

        Revoker again = service.revoker();
        when(config.getRevocationRoleArn()).thenReturn("arn:aws:iam::123456789012:role/revoker-b");
        Revoker changed = service.revoker();
        when(config.getRevocationRoleArn()).thenReturn(null);
        Revoker removed = service.revoker();

        assertThat(first).isNotNull().isSameAs(again);
        assertThat(changed).isNotNull().isNotSameAs(first);
        assertThat(removed).isNull();
    }

    @Test
    void aRoleOfAnotherAccountGetsItsOwnRevokerKeptUntilTheRevocationRoleChanges() {
        AwsRoleService service = new AwsRoleService();
        when(config.getRevocationRoleArn()).thenReturn("arn:aws:iam::123456789012:role/revoker-a");
        Revoker own = service.revoker();

        Revoker sameAccount = service.revoker("arn:aws:iam::123456789012:role/deploy");
        Revoker otherAccount = service.revoker("arn:aws:iam::210987654321:role/deploy");
        Revoker otherAgain = service.revoker("arn:aws:iam::210987654321:role/another");
        when(config.getRevocationRoleArn()).thenReturn("arn:aws:iam::123456789012:role/revoker-b");
        Revoker otherChanged = service.revoker("arn:aws:iam::210987654321:role/deploy");
        when(config.getRevocationRoleArn()).thenReturn(null);

        assertThat(sameAccount).isSameAs(own);
        assertThat(otherAccount).isNotNull().isNotSameAs(own).isSameAs(otherAgain);
        assertThat(otherChanged).isNotNull().isNotSameAs(otherAccount);
        assertThat(service.revoker("arn:aws:iam::210987654321:role/deploy")).isNull();
    }

    @Test
    void afterShutdownNoRevokerIsMadeAndTheReasonIsGiven() {
        AwsRoleService service = new AwsRoleService();
        when(config.getRevocationRoleArn()).thenReturn("arn:aws:iam::123456789012:role/revoker-a");
        assertThat(service.revoker()).isNotNull();

        service.close();

        assertThatThrownBy(service::revoker)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shutting down");
    }

    /**
     * The drift reader signs its IAM calls with its session: they go to the IAM endpoint, never to the STS override,
     * which may be an STS VPC endpoint that serves no IAM (and must not see the reader's session token).
     */
    @Test
    void theDriftReadersIamCallsGoToTheIamEndpointNeverToTheStsOverride() throws Exception {
        try (RealIssuerWorld world = RealIssuerWorld.start(11)) {
            String reader = "arn:aws:iam::" + FakeAws.ACCOUNT + ":role/drift-reader";
            world.aws.createRole(
                    "drift-reader",
                    FakeAws.trustPolicy(
                            world.providerArn,
                            RealIssuerWorld.AUDIENCE,
                            ControllerSessions.subject(DriftReader.PURPOSE)),
                    3600);
            world.aws.putRolePolicy(
                    "drift-reader",
                    "read",
                    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                            + " [\"iam:GetRole\", \"iam:GetRolePolicy\", \"iam:ListRolePolicies\","
                            + " \"iam:GetOpenIDConnectProvider\"], \"Resource\": \"*\"}]}");
            TrustPlan plan = TrustPlan.of(
                    TrustMappings.of(List.of(TrustMapping.builder()
                            .stage("deploy")
                            .roleArn("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/deploy")
                            .jobs("team/app/main")
                            .build())),
                    world.issuer.issuerUrl(),
                    null);
            when(config.getDriftReaderRoleArn()).thenReturn(reader);
            when(config.trustPlan()).thenReturn(plan);
            when(config.issuer()).thenReturn(world.issuer);
            when(config.controllerSessionSettings())
                    .thenReturn(new BrokerSettings(Duration.ofMinutes(5), null, world.aws.stsOnlyEndpoint()));
            when(config.iamEndpoint()).thenReturn(world.aws.endpoint());
            AwsRoleService service = new AwsRoleService();

            DriftReport report = service.checkDrift();
            service.close();

            assertThat(report.account()).isEqualTo(FakeAws.ACCOUNT);
            assertThat(world.aws.sessions()).hasSize(1);
            assertThat(world.aws.calls("GetRole")).isPositive();
            assertThat(world.aws.callsAtStsOnlyEndpoint("GetRole")).isZero();
            assertThat(world.aws.callsAtStsOnlyEndpoint("GetOpenIDConnectProvider"))
                    .isZero();
        }
    }

    /**
     * {@code awsRoleDriftCheck} in a loop costs one controller token and one reader session per few minutes, and the
     * audit trail names the build that made the controller open it.
     */
    @Test
    void buildsShareOneDriftReportAndTheBuildThatCausedTheSessionIsAudited() throws Exception {
        try (RealIssuerWorld world = RealIssuerWorld.start(12)) {
            driftReader(world);
            when(config.controllerSessionSettings())
                    .thenReturn(new BrokerSettings(Duration.ofMinutes(5), null, world.aws.endpoint()));
            when(config.iamEndpoint()).thenReturn(world.aws.endpoint());
            AwsRoleService service = new AwsRoleService();
            BuildIdentity first = BuildIdentity.ofJob("ops/trust", 7, null);

            SharedCheck.Result<DriftReport> made = service.driftReportFor(first);
            for (int i = 8; i < 20; i++) {
                assertThat(service.driftReportFor(BuildIdentity.ofJob("ops/trust", i, null)))
                        .satisfies(r -> assertThat(r.reused()).isTrue())
                        .satisfies(r -> assertThat(r.value()).isSameAs(made.value()));
            }
            service.close();

            assertThat(made.reused()).isFalse();
            assertThat(world.aws.sessions()).hasSize(1);
            assertThat(service.audit().forBuild("ops/trust", 7))
                    .extracting(AuditEvent::kind)
                    .containsExactly(AuditEvent.Kind.TOKEN_ISSUED, AuditEvent.Kind.SESSION_OBTAINED);
            assertThat(service.audit().forBuild("ops/trust", 7))
                    .allSatisfy(e -> assertThat(e.message()).contains("awsRoleDriftCheck in ops/trust #7"));
            assertThat(service.audit().forBuild(ControllerAudit.JOB, 0)).isEmpty();
        }
    }

    /** The drift reader role of the fake account, and a configuration that uses it for one mapped role. */
    private void driftReader(RealIssuerWorld world) {
        world.aws.createRole(
                "drift-reader",
                FakeAws.trustPolicy(
                        world.providerArn, RealIssuerWorld.AUDIENCE, ControllerSessions.subject(DriftReader.PURPOSE)),
                3600);
        world.aws.putRolePolicy(
                "drift-reader",
                "read",
                "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                        + " [\"iam:GetRole\", \"iam:GetRolePolicy\", \"iam:ListRolePolicies\","
                        + " \"iam:GetOpenIDConnectProvider\"], \"Resource\": \"*\"}]}");
        when(config.getDriftReaderRoleArn()).thenReturn("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/drift-reader");
        when(config.trustPlan())
                .thenReturn(TrustPlan.of(
                        TrustMappings.of(List.of(TrustMapping.builder()
                                .stage("deploy")
                                .roleArn("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/deploy")
                                .jobs("team/app/main")
                                .build())),
                        world.issuer.issuerUrl(),
                        null));
        when(config.issuer()).thenReturn(world.issuer);
    }

    @Test
    void theAuditTrailIsOnePerController() {
        AwsRoleService service = new AwsRoleService();

        assertThat(service.audit()).isSameAs(service.audit());
    }

    /** Issue 13, item 8: renewals never run on Jenkins' shared timer, and at most four at once on the plugin's own. */
    @Test
    void renewalsRunOnAtMostFourThreadsOfThePluginsOwn() throws Exception {
        AwsRoleService service = new AwsRoleService();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(10);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            for (int i = 0; i < 10; i++) {
                service.renewals().execute(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    threads.add(Thread.currentThread().getName());
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            Thread.sleep(500);
            assertThat(running.get()).as("renewals running while all wait").isEqualTo(AwsRoleService.RENEWAL_THREADS);
            release.countDown();
            assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            release.countDown();
            service.close();
        }
        assertThat(most.get()).isEqualTo(4);
        assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("aws-oidc-role renewal"));
    }
}
