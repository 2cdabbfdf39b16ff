package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionAuditTest {

    private static final String TOKEN =
            "eyJraWQiOiJrMSJ9.eyJzdWIiOiJqb2I6YXBwOnN0YWdlOmRlcGxveSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    @Test
    void aTokenIsRecordedByItsFactsNeverByItself() {
        MintedToken token = new MintedToken(
                TOKEN,
                "job:app:stage:deploy",
                "sts.amazonaws.com",
                "k1",
                "jti-42",
                Instant.parse("2026-11-25T20:00:00Z"),
                Instant.parse("2026-11-25T20:05:00Z"));

        AuditEvent event = SessionAudit.tokenIssued(
                BuildIdentity.ofJob("app", 7, null),
                "deploy",
                "arn:aws:iam::123456789012:role/deploy",
                "app@7-3",
                token);

        assertThat(event.kind()).isEqualTo(AuditEvent.Kind.TOKEN_ISSUED);
        assertThat(event.toLogLine())
                .contains("kind=TOKEN_ISSUED")
                .contains("job=app")
                .contains("session=app@7-3")
                .contains("jti=jti-42")
                .contains("sub=job:app:stage:deploy")
                .doesNotContain(TOKEN)
                .doesNotContain("c2lnbmF0dXJl");
    }
}
