package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import hudson.model.TaskListener;
import io.jenkins.plugins.awsrole.engine.trustcode.Drift;
import io.jenkins.plugins.awsrole.engine.trustcode.DriftKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduled check and what raises the monitor: only findings that widen access, and a check that cannot run keeps
 * the previous findings. The reading itself is {@link DriftCheckRunTest}'s, against the local AWS server.
 */
class DriftCheckWorkTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/deploy";
    private static final Drift TOO_BROAD = new Drift(
            DriftKind.SUB_TOO_BROAD, "deploy", ROLE, "sub job:*", "sub job:team/app/main:stage:deploy", "replace it");
    private static final Drift TOO_SHORT =
            new Drift(DriftKind.MAX_SESSION_TOO_SHORT, "deploy", ROLE, "3600", "7200", "raise MaxSessionDuration");

    private final AwsRoleService service = mock(AwsRoleService.class);
    private final DriftFindings findings = new DriftFindings();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final TaskListener listener = mock(TaskListener.class);

    @BeforeEach
    void logger() {
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private static DriftReport report(Drift... drifts) {
        return new DriftReport("123456789012", "arn:aws:iam::123456789012:role/reader", List.of(drifts), List.of());
    }

    @Test
    void onlyFindingsThatWidenAccessAreRaised() throws Exception {
        when(service.checkDrift()).thenReturn(report(TOO_BROAD, TOO_SHORT));

        DriftCheckWork.checkInto(true, service, findings, listener);

        assertThat(findings.widening()).singleElement().asString().startsWith("SUB_TOO_BROAD " + ROLE);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Drift: 2 difference(s)");
    }

    @Test
    void driftThatWidensNothingRaisesNothing() throws Exception {
        when(service.checkDrift()).thenReturn(report(TOO_SHORT));

        DriftCheckWork.checkInto(true, service, findings, listener);

        assertThat(findings.widening()).isEmpty();
    }

    @Test
    void aCleanCheckClearsEarlierFindings() throws Exception {
        findings.record(report(TOO_BROAD));
        when(service.checkDrift()).thenReturn(report());

        DriftCheckWork.checkInto(true, service, findings, listener);

        assertThat(findings.widening()).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).startsWith("No drift");
    }

    @Test
    void aCheckThatCannotRunKeepsThePreviousFindingsAndLogsWhy() throws Exception {
        findings.record(report(TOO_BROAD));
        when(service.checkDrift()).thenThrow(new IllegalArgumentException("The trust mappings have errors"));

        DriftCheckWork.checkInto(true, service, findings, listener);

        assertThat(findings.widening()).hasSize(1);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("The drift check could not run: The trust mappings have errors");
    }

    @Test
    void withoutAReaderRoleNothingIsCheckedAndFindingsAreCleared() throws Exception {
        findings.record(report(TOO_BROAD));

        DriftCheckWork.checkInto(false, service, findings, listener);

        assertThat(findings.widening()).isEmpty();
        verifyNoInteractions(service);
    }
}
