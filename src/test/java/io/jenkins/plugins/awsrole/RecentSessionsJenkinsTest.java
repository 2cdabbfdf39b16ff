package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import java.time.Instant;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The administrators' page of recent AWS sessions renders the audit trail, and only for administrators. */
@WithJenkins
class RecentSessionsJenkinsTest {

    private JenkinsRule r;

    @BeforeEach
    void secure(JenkinsRule rule) {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader"));
        AwsRoleService.get()
                .audit()
                .record(new AuditEvent(
                        Instant.parse("2026-11-25T20:10:00Z"),
                        AuditEvent.Kind.REVOKED,
                        "team/app/main",
                        42,
                        "deploy",
                        "arn:aws:iam::123456789012:role/deploy",
                        "team.app.main@42-7",
                        Instant.parse("2026-11-25T21:10:00Z"),
                        "ok",
                        null,
                        null));
    }

    @Test
    void administratorsSeeTheRecentEvents() throws Exception {
        String page = r.createWebClient()
                .login("admin")
                .goTo("aws-sessions/", "text/html")
                .getWebResponse()
                .getContentAsString();

        assertThat(page)
                .contains("Recent AWS sessions")
                .contains("team.app.main@42-7")
                .contains("REVOKED");
    }

    @Test
    void othersAreRefused() throws Exception {
        r.createWebClient().login("reader").assertFails("aws-sessions/", 403);
    }
}
