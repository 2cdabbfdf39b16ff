package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.session.TrialRecorder;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustCheckGate;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustProbe;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code awsRoleProbe} against the local AWS server, which checks the probe token and the role's trust policy, with the
 * plugin's own issuer served over HTTP. Only Jenkins' static entry point {@code ExtensionList}, which needs a running
 * Jenkins, is mocked.
 */
class TrustProbeRunTest {

    private static final String AUDIENCE = "sts.amazonaws.com";
    private static final String PROBING_JOB = "ops/probes";

    private RealIssuerWorld world;
    private StepHarness jenkins;
    private final AuditLog audit = new AuditLog();

    @BeforeEach
    void start() throws Exception {
        world = RealIssuerWorld.start(5);
        jenkins = new StepHarness();
        when(jenkins.service.audit()).thenReturn(audit);
        when(jenkins.service.trustCheckGate()).thenReturn(new TrustCheckGate(List.of(PROBING_JOB)));
    }

    private static BuildIdentity caller(long number) {
        return BuildIdentity.ofJob(PROBING_JOB, number, null);
    }

    @AfterEach
    void stop() {
        jenkins.close();
        world.close();
    }

    @Test
    void aRefusalByAwsPassesAndSaysSo() throws Exception {
        mappings(mapping(role("job:team/app/main:stage:deploy")).build());

        new TrustProbeRun("deploy", "team/app/feature-x", null).run(caller(17), jenkins.listener);

        assertThat(jenkins.log())
                .startsWith("PASS: stage 'deploy', as job 'team/app/feature-x': ")
                .contains("AccessDenied")
                .doesNotContain("arn:aws")
                .doesNotContain(FakeAws.ACCOUNT);
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(world.aws.sessions()).isEmpty();
    }

    @Test
    void aTrustPolicyWiderThanTheMappingFailsTheBuildNamingTheSession() throws Exception {
        mappings(mapping(role("job:team/app/*")).build());

        AbortException failed = catchThrowableOfType(
                AbortException.class,
                () -> new TrustProbeRun("deploy", "team/app/feature-x", null).run(caller(17), jenkins.listener));

        assertThat(failed.getMessage())
                .startsWith("FAIL: stage 'deploy', as job 'team/app/feature-x': ")
                .contains("job:team/app/feature-x:stage:deploy")
                .contains(SessionNames.forBlock("team/app/feature-x", 17, "probe"))
                .contains("wider than the mapping")
                .as("no role ARN or account id in the build log")
                .doesNotContain("arn:aws")
                .doesNotContain(FakeAws.ACCOUNT);
        assertThat(world.aws.sessions()).hasSize(1);
        assertThat(jenkins.log()).doesNotContain("PASS");
    }

    @Test
    void anIdentityTheMappingAdmitsIsAnErrorAndAwsIsNotAsked() throws Exception {
        mappings(mapping(role("job:team/app/main:stage:deploy")).build());

        AbortException failed = catchThrowableOfType(
                AbortException.class,
                () -> new TrustProbeRun("deploy", "team/app/main", null).run(caller(17), jenkins.listener));

        assertThat(failed.getMessage()).startsWith("ERROR: stage 'deploy'").contains("meaningless");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    /**
     * The mapping keeps out other branches of team/app/main, but the default sub carries no branch: a token "as
     * branch feature" would be production's exact token, and AWS would issue a real session of the deploy role. The
     * probe signs nothing and says what to change.
     */
    @Test
    void aBranchTheSubDoesNotCarryIsNeverSignedForAndTheStepSaysWhy() throws Exception {
        mappings(
                mapping(role("job:team/app/main:stage:deploy")).branches("main").build());

        AbortException sameBranch = catchThrowableOfType(
                AbortException.class,
                () -> new TrustProbeRun("deploy", "team/app/main", "main").run(caller(17), jenkins.listener));
        AbortException otherBranch = catchThrowableOfType(
                AbortException.class,
                () -> new TrustProbeRun("deploy", "team/app/main", "feature").run(caller(18), jenkins.listener));

        assertThat(sameBranch.getMessage()).startsWith("ERROR: ").contains("meaningless");
        assertThat(otherBranch.getMessage())
                .startsWith("ERROR: ")
                .contains("AWS cannot tell this identity from an admitted one")
                .contains("job 'team/app/main' on branch 'main'")
                .contains("${branch}");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
        assertThat(world.aws.sessions()).isEmpty();
        assertThat(audit.size()).as("no token was signed").isZero();
    }

    @Test
    void onlyAllowedJobsMayProbeAndNeverInChangeRequestsOrReplays() throws Exception {
        mappings(mapping(role("job:team/app/main:stage:deploy")).build());
        TrustProbeRun probe = new TrustProbeRun("deploy", "team/app/feature-x", null);

        AbortException otherJob = catchThrowableOfType(
                AbortException.class,
                () -> probe.run(BuildIdentity.ofJob("team/app/feature-x", 3, null), jenkins.listener));
        AbortException changeRequest = catchThrowableOfType(
                AbortException.class,
                () -> probe.run(new BuildIdentity(PROBING_JOB, 4, null, "PR-7", "7", true, false), jenkins.listener));
        AbortException replay = catchThrowableOfType(
                AbortException.class,
                () -> probe.run(new BuildIdentity(PROBING_JOB, 5, null, null, null, false, true), jenkins.listener));

        assertThat(otherJob.getMessage())
                .contains("job 'team/app/feature-x' is not one of them")
                .contains("trustCheckJobs");
        assertThat(changeRequest.getMessage()).contains("does not run in change requests");
        assertThat(replay.getMessage()).contains("does not run in replayed builds");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
        assertThat(audit.size()).isZero();
    }

    @Test
    void anUnknownStageIsAnError() throws Exception {
        mappings(mapping(role("job:team/app/main:stage:deploy")).build());

        AbortException failed = catchThrowableOfType(
                AbortException.class,
                () -> new TrustProbeRun("prod", "team/app/x", null).run(caller(17), jenkins.listener));

        assertThat(failed.getMessage()).startsWith("ERROR: stage 'prod'").contains("no stage 'prod'");
    }

    @Test
    void withoutAsJobTheStepSaysWhatToGive() {
        AbortException failed = catchThrowableOfType(
                AbortException.class, () -> new TrustProbeRun("deploy", null, null).run(caller(17), jenkins.listener));

        assertThat(failed.getMessage()).contains("asJob").contains("'deploy'");
        assertThat(world.aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void aProbeAwsRefusesIsAuditedAsTheProbingBuildsTokenAndRefusal() throws Exception {
        FakeRole role = role("job:team/app/main:stage:deploy");
        mappings(mapping(role).build());

        new TrustProbeRun("deploy", "team/app/feature-x", "feature").run(caller(17), jenkins.listener);

        List<AuditEvent> events = audit.forBuild(PROBING_JOB, 17);
        assertThat(events)
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.TOKEN_ISSUED, AuditEvent.Kind.REFUSED);
        AuditEvent token = events.get(0);
        assertThat(token.stage()).isEqualTo("deploy");
        assertThat(token.roleArn()).isEqualTo(role.arn());
        assertThat(token.sessionName()).isEqualTo(SessionNames.forBlock("team/app/feature-x", 17, "probe"));
        assertThat(token.expiry()).isNotNull();
        assertThat(token.message())
                .startsWith("probe as job team/app/feature-x branch feature: ")
                .contains("sub=job:team/app/feature-x:stage:deploy aud=" + AUDIENCE + " kid=")
                .containsPattern("jti=\\S+");
        AuditEvent refused = events.get(1);
        assertThat(refused.rule()).isEqualTo(TrialAudit.PROBE_RULE);
        assertThat(refused.outcome()).isEqualTo("refused");
        assertThat(refused.sessionName()).isEqualTo(SessionNames.forBlock("team/app/feature-x", 17, "probe"));
        assertThat(refused.message())
                .isEqualTo("probe as job team/app/feature-x branch feature: AWS answered AccessDenied"
                        + " for sub=job:team/app/feature-x:stage:deploy");
        assertThat(audit.size()).isEqualTo(2);
    }

    @Test
    void credentialsAwsIssuesToAProbeAreAuditedAsASessionDroppedUnused() throws Exception {
        mappings(mapping(role("job:team/app/*")).build());

        catchThrowableOfType(
                AbortException.class,
                () -> new TrustProbeRun("deploy", "team/app/feature-x", null).run(caller(17), jenkins.listener));

        IssuedSession issued = world.aws.sessions().get(0);
        List<AuditEvent> events = audit.forBuild(PROBING_JOB, 17);
        assertThat(events)
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.TOKEN_ISSUED, AuditEvent.Kind.SESSION_OBTAINED);
        AuditEvent obtained = events.get(1);
        assertThat(obtained.sessionName()).isEqualTo(issued.sessionName());
        assertThat(obtained.expiry()).isEqualTo(issued.expiration());
        assertThat(obtained.outcome()).isEqualTo("dropped");
        assertThat(obtained.message())
                .startsWith("probe as job team/app/feature-x: AWS accepted an identity the mapping refuses;"
                        + " credentials dropped unused")
                .contains(issued.assumedRoleArn());
        for (AuditEvent event : events) {
            assertThat(event.toLogLine())
                    .doesNotContain(issued.accessKeyId())
                    .doesNotContain(issued.secretAccessKey())
                    .doesNotContain(issued.sessionToken())
                    .doesNotContainPattern(TrialRecorder.COMPACT_JWS)
                    .doesNotContain("\n");
        }
    }

    @Test
    void aProbeThatCannotTellIsAuditedAsAFailureWithWhatAwsSaid() throws Exception {
        mappings(mapping(role("job:team/app/main:stage:deploy")).build());
        world.aws.deleteOidcProvider(world.issuer.issuerUrl().value());

        catchThrowableOfType(
                AbortException.class,
                () -> new TrustProbeRun("deploy", "team/app/feature-x", null).run(caller(17), jenkins.listener));

        List<AuditEvent> events = audit.forBuild(PROBING_JOB, 17);
        assertThat(events)
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.TOKEN_ISSUED, AuditEvent.Kind.REFUSED);
        assertThat(events.get(1).outcome()).isEqualTo("failed");
        assertThat(events.get(1).rule()).isEqualTo(TrialAudit.PROBE_RULE);
        assertThat(events.get(1).message()).contains("AWS answered InvalidIdentityToken for sub=");
    }

    @Test
    void aProbeThatDoesNotReachAwsLeavesNoAuditEvent() throws Exception {
        mappings(mapping(role("job:team/app/main:stage:deploy")).build());

        catchThrowableOfType(
                AbortException.class,
                () -> new TrustProbeRun("deploy", "team/app/main", null).run(caller(17), jenkins.listener));

        assertThat(audit.size()).isZero();
    }

    private FakeRole role(String subjectPattern) {
        return world.aws.createRole("deploy", FakeAws.trustPolicy(world.providerArn, AUDIENCE, subjectPattern), 3600);
    }

    private static TrustMapping.Builder mapping(FakeRole role) {
        return TrustMapping.builder().stage("deploy").roleArn(role.arn()).jobs(List.of("team/app/main"));
    }

    private void mappings(TrustMapping... mappings) {
        when(jenkins.service.probe())
                .thenAnswer(call -> new TrustProbe(
                        TrustMappings.of(List.of(mappings)),
                        world.issuer,
                        world.sts,
                        "us-east-1",
                        world.aws.endpoint()));
    }
}
