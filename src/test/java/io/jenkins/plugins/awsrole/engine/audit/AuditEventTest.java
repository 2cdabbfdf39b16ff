package io.jenkins.plugins.awsrole.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.audit.AuditEvent.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    private static final Instant T = Instant.parse("2026-11-25T20:10:00Z");

    @Test
    void writesEveryPresentFieldInAFixedOrder() {
        AuditEvent event = new AuditEvent(
                T,
                Kind.SESSION_OBTAINED,
                "team/app/main",
                42,
                "deploy",
                "arn:aws:iam::123456789012:role/deploy",
                "team.app.main@42-1",
                T.plusSeconds(3600),
                "ok",
                null,
                null);

        assertThat(event.toLogLine())
                .isEqualTo("time=2026-11-25T20:10:00Z kind=SESSION_OBTAINED job=team/app/main build=42 stage=deploy"
                        + " role=arn:aws:iam::123456789012:role/deploy session=team.app.main@42-1"
                        + " expiry=2026-11-25T21:10:00Z outcome=ok");
    }

    @Test
    void quotesAndEscapesValuesSoThatOneEventIsOneLine() {
        AuditEvent event = new AuditEvent(
                T,
                Kind.REFUSED,
                "folder/my job",
                7,
                "",
                null,
                null,
                null,
                "refused",
                "BRANCH_NOT_ALLOWED",
                "Branch \"x=y\" is not allowed\nforged=line\tend \\ \u0001");

        String line = event.toLogLine();

        assertThat(line).doesNotContain("\n").doesNotContain("\t");
        assertThat(line)
                .isEqualTo("time=2026-11-25T20:10:00Z kind=REFUSED job=\"folder/my job\" build=7 stage=\"\""
                        + " outcome=refused rule=BRANCH_NOT_ALLOWED"
                        + " message=\"Branch \\\"x=y\\\" is not allowed\\nforged=line\\tend \\\\ \\u0001\"");
    }

    @Test
    void belongsToItsBuildOnly() {
        AuditEvent event = new AuditEvent(T, Kind.REVOKED, "a/b", 3, "s", null, null, null, "ok", null, null);

        assertThat(event.isOf("a/b", 3)).isTrue();
        assertThat(event.isOf("a/b", 4)).isFalse();
        assertThat(event.isOf("a/c", 3)).isFalse();
    }
}
