package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerHttpServer;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.session.TrialRecorder;
import io.jenkins.plugins.awsrole.engine.session.TrustTrial;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mapping "Test" button's report, with AWS's real answers from the local AWS server. */
class MappingTrialReportTest {

    private FakeAws aws;
    private IssuerHttpServer issuerServer;
    private StsExchange sts;
    private TrustTrial trial;
    private String providerArn;

    private RealIssuerWorld world;
    private final AuditLog audit = new AuditLog();

    @BeforeEach
    void start() throws Exception {
        world = RealIssuerWorld.start(9);
        FakeClock clock = world.clock;
        aws = world.aws;
        issuerServer = world.issuerServer;
        OidcIssuer issuer = world.issuer;
        providerArn = world.providerArn;
        sts = world.sts;
        trial = new TrustTrial(issuer, sts, "us-east-1", aws.endpoint());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private MappingTrialReport report(String trustedSub, String job) throws Exception {
        FakeRole role = aws.createRole("deploy", FakeAws.trustPolicy(providerArn, "sts.amazonaws.com", trustedSub));
        TrustMapping mapping = TrustMapping.builder()
                .stage("deploy")
                .roleArn(role.arn())
                .jobs(List.of("team/app/*"))
                .build();
        BuildIdentity identity = MappingTrialReport.syntheticIdentity(job, null);
        return MappingTrialReport.test(trial, mapping, identity, TrialAudit.mappingTest(audit, "alice", identity));
    }

    @Test
    void bothAdmitTheBuild() throws Exception {
        MappingTrialReport report = report("job:team/app/*:stage:deploy", "team/app/main");
        assertThat(report.kind()).isEqualTo(MappingTrialReport.Kind.OK);
        assertThat(report.text())
                .contains("The mapping admits this build.")
                .contains("AWS accepted sub 'job:team/app/main:stage:deploy'")
                .contains("assumed-role/deploy/" + SessionNames.forBlock("team/app/main", 0, "test"));
        String secret = aws.sessions().get(0).secretAccessKey();
        assertThat(report.text())
                .doesNotContain(secret)
                .doesNotContain(aws.sessions().get(0).sessionToken());
    }

    @Test
    void awsRefusesWhatTheMappingAdmitsWithTheFix() throws Exception {
        MappingTrialReport report = report("job:team/other/*:stage:deploy", "team/app/main");
        assertThat(report.kind()).isEqualTo(MappingTrialReport.Kind.ERROR);
        assertThat(report.text()).contains("AWS refused").contains("job:team/app/main:stage:deploy");
    }

    @Test
    void bothRefuseABuildTheMappingKeepsOut() throws Exception {
        MappingTrialReport report = report("job:team/app/*:stage:deploy", "team/tools/x");
        assertThat(report.kind()).isEqualTo(MappingTrialReport.Kind.OK);
        assertThat(report.text()).contains("The mapping refuses this build").contains("AWS refused");
    }

    @Test
    void awsWiderThanTheMappingIsAWarning() throws Exception {
        MappingTrialReport report = report("*", "team/tools/x");
        assertThat(report.kind()).isEqualTo(MappingTrialReport.Kind.WARNING);
        assertThat(report.text()).contains("AWS is wider than the mapping");
    }

    @Test
    void aTestIsAuditedUnderTheTypedJobAsBuildZeroNamingTheAdministrator() throws Exception {
        report("job:team/app/*:stage:deploy", "team/app/main");

        IssuedSession issued = aws.sessions().get(0);
        List<AuditEvent> events = audit.forBuild("team/app/main", TrialAudit.MAPPING_TEST_BUILD);
        assertThat(events)
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.TOKEN_ISSUED, AuditEvent.Kind.SESSION_OBTAINED);
        assertThat(events.get(0).message())
                .startsWith("mapping test for job team/app/main by user alice: ")
                .contains("sub=job:team/app/main:stage:deploy aud=sts.amazonaws.com kid=");
        AuditEvent obtained = events.get(1);
        assertThat(obtained.sessionName())
                .isEqualTo(SessionNames.forBlock("team/app/main", 0, "test"))
                .isEqualTo(issued.sessionName());
        assertThat(obtained.expiry()).isEqualTo(issued.expiration());
        assertThat(obtained.outcome()).isEqualTo("dropped");
        assertThat(obtained.message()).contains("by user alice: AWS accepted; credentials dropped unused");
        // Build 0 is no real build: the test never shows on the "AWS sessions" page of the job's first build.
        assertThat(audit.forBuild("team/app/main", 1)).isEmpty();
        for (AuditEvent event : events) {
            assertThat(event.toLogLine())
                    .doesNotContain(issued.secretAccessKey())
                    .doesNotContain(issued.sessionToken())
                    .doesNotContainPattern(TrialRecorder.COMPACT_JWS);
        }
    }

    @Test
    void aTestAwsRefusesIsAuditedAsARefusalOfTheMappingTest() throws Exception {
        report("job:team/other/*:stage:deploy", "team/app/main");

        List<AuditEvent> events = audit.forBuild("team/app/main", TrialAudit.MAPPING_TEST_BUILD);
        assertThat(events)
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.TOKEN_ISSUED, AuditEvent.Kind.REFUSED);
        assertThat(events.get(1).rule()).isEqualTo(TrialAudit.MAPPING_TEST_RULE);
        assertThat(events.get(1).outcome()).isEqualTo("refused");
        assertThat(events.get(1).expiry()).isNull();
    }
}
