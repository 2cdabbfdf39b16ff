package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.session.BrokerSettings;
import io.jenkins.plugins.awsrole.engine.session.ControllerSessions;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import io.jenkins.plugins.awsrole.engine.trustcode.DriftKind;
import io.jenkins.plugins.awsrole.engine.trustcode.RoleTrust;
import io.jenkins.plugins.awsrole.engine.trustcode.SharedCheck;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustCheckGate;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustPlan;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustPolicyExport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code awsRoleDriftCheck()} and the "Check for drift" reader against the local AWS server: a real controller session
 * of the drift reader role (token, STS) and real IAM reads signed with it. Only {@code ExtensionList} is mocked:
 * it needs a running Jenkins.
 */
class DriftCheckRunTest {

    private static final String AUDIENCE = "sts.amazonaws.com";
    private static final String READER = "arn:aws:iam::" + FakeAws.ACCOUNT + ":role/drift-reader";
    private static final String READ_ONLY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Action\": [\"iam:GetRole\", \"iam:GetRolePolicy\", \"iam:ListRolePolicies\","
            + " \"iam:GetOpenIDConnectProvider\"], \"Resource\": \"*\"}]}";

    private static final BuildIdentity CALLER = BuildIdentity.ofJob("ops/trust", 7, null);

    private RealIssuerWorld world;
    private StepHarness jenkins;

    @BeforeEach
    void start() throws Exception {
        world = RealIssuerWorld.start(5);
        jenkins = new StepHarness();
        when(jenkins.service.trustCheckGate()).thenReturn(new TrustCheckGate(List.of("ops/**")));
    }

    @AfterEach
    void stop() {
        jenkins.close();
        world.close();
    }

    @Test
    void anAwsSideAsExportedHasNoDriftAndThePassIsPrinted() throws Exception {
        TrustPlan plan = plan(mapping("deploy", "deploy"));
        applyExport(plan);
        reader(ControllerSessions.subject(DriftReader.PURPOSE));

        DriftReport report = check(plan);
        DriftCheckRun.run(CALLER, jenkins.listener);

        assertThat(report.drifts()).isEmpty();
        assertThat(report.account()).isEqualTo(FakeAws.ACCOUNT);
        assertThat(jenkins.log())
                .startsWith("No drift: AWS matches the trust mappings.")
                .doesNotContain(FakeAws.ACCOUNT)
                .doesNotContain("arn:aws");
        // Two checks (the report above and the step's own), each with a session of its own.
        assertThat(world.aws.sessions())
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.subject()).isEqualTo("jenkins:controller:drift-reader"));
        assertThat(world.aws.calls("GetRole")).isPositive();
    }

    @Test
    void aWiderTrustPolicyFailsTheBuildListingTheFindingWithItsFix() throws Exception {
        TrustPlan plan = plan(mapping("deploy", "deploy"));
        world.aws.createRole("deploy", FakeAws.trustPolicy(world.providerArn, AUDIENCE, "job:*"), 3600);
        reader(ControllerSessions.subject(DriftReader.PURPOSE));

        DriftReport report = check(plan);
        AbortException failed =
                catchThrowableOfType(AbortException.class, () -> DriftCheckRun.run(CALLER, jenkins.listener));

        assertThat(report.drifts()).extracting(d -> d.kind()).contains(DriftKind.SUB_TOO_BROAD);
        assertThat(failed.getMessage())
                .startsWith("Drift: 1 difference(s)")
                .contains("[widens access] SUB_TOO_BROAD (stage deploy)")
                .contains("Check for drift")
                .as("no account id, role ARN or trust policy detail in the build log")
                .doesNotContain(FakeAws.ACCOUNT)
                .doesNotContain("arn:aws")
                .doesNotContain("job:*");
        assertThat(report.describe()).as("administrators get the whole finding").contains("Fix: ");
    }

    @Test
    void rolesInOtherAccountsAreNamedAsNotChecked() throws Exception {
        TrustPlan plan = plan(
                mapping("deploy", "deploy"),
                TrustMapping.builder()
                        .stage("other")
                        .roleArn("arn:aws:iam::999988887777:role/other")
                        .jobs("team/app/main")
                        .build());
        applyExport(plan.forAccount(FakeAws.ACCOUNT));
        reader(ControllerSessions.subject(DriftReader.PURPOSE));

        DriftReport report = check(plan);

        assertThat(report.drifts()).isEmpty();
        assertThat(report.uncheckedAccounts()).containsExactly("999988887777");
        assertThat(report.describe()).contains("Not checked").contains("999988887777");
    }

    @Test
    void aReaderRoleAwsRefusesFailsTheBuildSayingTheCheckCouldNotRun() throws Exception {
        TrustPlan plan = plan(mapping("deploy", "deploy"));
        applyExport(plan);
        reader("jenkins:controller:someone-else");
        when(jenkins.service.driftReportFor(CALLER)).thenAnswer(call -> fresh(read(plan)));

        AbortException failed =
                catchThrowableOfType(AbortException.class, () -> DriftCheckRun.run(CALLER, jenkins.listener));

        assertThat(failed.getMessage())
                .startsWith("The drift check could not run: AWS answered AccessDenied for the drift reader role")
                .doesNotContain(FakeAws.ACCOUNT)
                .doesNotContain("arn:aws");
        assertThat(world.aws.calls("GetRole")).isZero();
    }

    @Test
    void withoutAReaderRoleTheBuildFailsSayingHowToSetOneUp() throws Exception {
        when(jenkins.service.driftReportFor(CALLER))
                .thenThrow(new IllegalStateException(Messages.DriftCheck_NoReader()));

        AbortException failed =
                catchThrowableOfType(AbortException.class, () -> DriftCheckRun.run(CALLER, jenkins.listener));

        assertThat(failed.getMessage()).contains("No drift reader role").contains("jenkins:controller:drift-reader");
    }

    private static TrustMapping mapping(String stage, String roleName) {
        return TrustMapping.builder()
                .stage(stage)
                .roleArn("arn:aws:iam::" + FakeAws.ACCOUNT + ":role/" + roleName)
                .jobs("team/app/main")
                .build();
    }

    private TrustPlan plan(TrustMapping... mappings) {
        return TrustPlan.of(TrustMappings.of(List.of(mappings)), world.issuer.issuerUrl(), null);
    }

    private void applyExport(TrustPlan plan) {
        Map<String, String> policies = TrustPolicyExport.byRole(plan);
        for (RoleTrust role : plan.roles()) {
            world.aws.createRole(role.arn().name(), policies.get(role.arn().arn()), role.maxSessionDurationSeconds());
        }
    }

    /** The reader role, trusting the issuer for this {@code sub}, with read-only IAM permissions. */
    private void reader(String trustedSubject) {
        world.aws.createRole("drift-reader", FakeAws.trustPolicy(world.providerArn, AUDIENCE, trustedSubject), 3600);
        world.aws.putRolePolicy("drift-reader", "read", READ_ONLY);
    }

    /** Runs the reader as the service does, and makes the service answer the step the same way. */
    private DriftReport check(TrustPlan plan) throws Exception {
        when(jenkins.service.driftReportFor(CALLER)).thenAnswer(call -> fresh(read(plan)));
        return read(plan);
    }

    private static SharedCheck.Result<DriftReport> fresh(DriftReport report) {
        return new SharedCheck.Result<>(report, Instant.now(), false);
    }

    @Test
    void onlyAllowedJobsMayRunTheCheckAndNeverChangeRequestsOrReplays() throws Exception {
        AbortException otherJob = catchThrowableOfType(
                AbortException.class,
                () -> DriftCheckRun.run(BuildIdentity.ofJob("team/app/main", 3, null), jenkins.listener));
        AbortException changeRequest = catchThrowableOfType(
                AbortException.class,
                () -> DriftCheckRun.run(
                        new BuildIdentity("ops/trust", 4, null, "PR-1", "1", false, false), jenkins.listener));
        AbortException replay = catchThrowableOfType(
                AbortException.class,
                () -> DriftCheckRun.run(
                        new BuildIdentity("ops/trust", 5, null, null, null, false, true), jenkins.listener));

        assertThat(otherJob.getMessage()).contains("awsRoleDriftCheck may run only in jobs an administrator allows");
        assertThat(changeRequest.getMessage()).contains("does not run in change requests");
        assertThat(replay.getMessage()).contains("does not run in replayed builds");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void aReusedReportSaysWhenItWasMade() throws Exception {
        TrustPlan plan = plan(mapping("deploy", "deploy"));
        applyExport(plan);
        reader(ControllerSessions.subject(DriftReader.PURPOSE));
        Instant made = Instant.parse("2026-12-01T10:00:00Z");
        DriftReport report = read(plan);
        when(jenkins.service.driftReportFor(CALLER)).thenReturn(new SharedCheck.Result<>(report, made, true));

        DriftCheckRun.run(CALLER, jenkins.listener);

        assertThat(jenkins.log()).contains("No drift").contains("The report of " + made);
    }

    private DriftReport read(TrustPlan plan) throws InterruptedException {
        ControllerSessions sessions = new ControllerSessions(
                world.issuer, world.sts, new BrokerSettings(Duration.ofMinutes(5), null, world.aws.endpoint()));
        return DriftReader.check(plan, READER, sessions, world.aws.endpoint());
    }
}
