package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerHttpServer;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.session.TrustTrial;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
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
        BuildIdentity identity = BuildIdentity.ofJob(job, 1, null);
        return MappingTrialReport.of(
                TrustMappings.of(List.of(mapping)).decide("deploy", identity), trial.ask(mapping, identity, "test"));
    }

    @Test
    void bothAdmitTheBuild() throws Exception {
        MappingTrialReport report = report("job:team/app/*:stage:deploy", "team/app/main");
        assertThat(report.kind()).isEqualTo(MappingTrialReport.Kind.OK);
        assertThat(report.text())
                .contains("The mapping admits this build.")
                .contains("AWS accepted sub 'job:team/app/main:stage:deploy'")
                .contains("assumed-role/deploy/team.app.main@1-test");
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
}
