package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.oidc.TokenFacts;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller's own tokens and sessions land in the audit trail, on no build, with no secret. */
class ControllerAuditTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/jenkins-revoker";
    private static final Instant EXPIRY = Instant.parse("2026-12-02T05:00:00Z");

    private final AuditLog audit = new AuditLog();
    private final ControllerAudit recorder = new ControllerAudit(audit);

    @Test
    void aTokenAndItsSessionAreRecordedForTheControllerNotForABuild() {
        recorder.tokenIssued(
                "revoker",
                ROLE,
                "jenkins-controller-revoker",
                new TokenFacts(
                        "jenkins:controller:revoker",
                        "sts.amazonaws.com",
                        "k1",
                        "jti-7",
                        EXPIRY.minusSeconds(300),
                        EXPIRY));
        recorder.obtained(
                "revoker",
                ROLE,
                new RoleSession(
                        "ASIAEXAMPLEKEYID1234",
                        "secret/EXAMPLE+key/0123456789abcdefghijklmn",
                        "IQoJb3JpZ2luX2VjEXAMPLETOKEN",
                        EXPIRY,
                        "arn:aws:sts::123456789012:assumed-role/jenkins-revoker/jenkins-controller-revoker",
                        "AROAEXAMPLE:jenkins-controller-revoker",
                        "jenkins-controller-revoker",
                        "jenkins:controller:revoker",
                        "sts.amazonaws.com"));

        List<AuditEvent> events = audit.recent(10);
        assertThat(events)
                .extracting(AuditEvent::kind, AuditEvent::job, AuditEvent::build, AuditEvent::stage)
                .containsExactlyInAnyOrder(
                        tuple(AuditEvent.Kind.TOKEN_ISSUED, ControllerAudit.JOB, 0L, "revoker"),
                        tuple(AuditEvent.Kind.SESSION_OBTAINED, ControllerAudit.JOB, 0L, "revoker"));
        assertThat(events)
                .allSatisfy(e -> assertThat(e.toLogLine())
                        .contains("role=" + ROLE)
                        .contains("session=jenkins-controller-revoker")
                        .doesNotContain("ASIAEXAMPLEKEYID1234")
                        .doesNotContain("secret/EXAMPLE")
                        .doesNotContain("IQoJb3JpZ2luX2VjEXAMPLETOKEN"));
        assertThat(events)
                .filteredOn(e -> e.kind() == AuditEvent.Kind.TOKEN_ISSUED)
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("sub=jenkins:controller:revoker", "jti=jti-7"));
    }

    @Test
    void aRefusalIsRecordedWithTheControllerRuleAndWhatAwsSaid() {
        recorder.refused(
                "drift-reader",
                ROLE,
                new StsExchangeException(
                        "AccessDenied", 403, false, 1, "Not authorized to perform sts:AssumeRoleWithWebIdentity"));

        assertThat(audit.recent(10)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AuditEvent.Kind.REFUSED);
            assertThat(e.rule()).isEqualTo(ControllerAudit.RULE);
            assertThat(e.stage()).isEqualTo("drift-reader");
            assertThat(e.message()).contains("AccessDenied", "Not authorized");
        });
    }
}
