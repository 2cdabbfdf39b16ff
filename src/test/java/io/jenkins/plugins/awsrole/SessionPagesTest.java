package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.ExtensionList;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import java.time.Instant;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.springframework.security.access.AccessDeniedException;

/**
 * What the two audit pages list: a build's own events, and for administrators only, the newest events of all builds.
 * The pages' rendering is for the real build; this checks the data and the permission check behind them.
 */
class SessionPagesTest {

    private final AuditLog audit = new AuditLog(100);
    private final Jenkins jenkins = mock(Jenkins.class);
    private MockedStatic<ExtensionList> extensions;
    private MockedStatic<Jenkins> jenkinsStatic;

    @BeforeEach
    void start() {
        AwsRoleService service = mock(AwsRoleService.class);
        when(service.audit()).thenReturn(audit);
        extensions = mockStatic(ExtensionList.class);
        extensions
                .when(() -> ExtensionList.lookupSingleton(AwsRoleService.class))
                .thenReturn(service);
        jenkinsStatic = mockStatic(Jenkins.class);
        jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
        audit.record(event("team/app/main", 41, AuditEvent.Kind.SESSION_OBTAINED));
        audit.record(event("team/app/main", 42, AuditEvent.Kind.SESSION_OBTAINED));
        audit.record(event("team/other", 42, AuditEvent.Kind.REFUSED));
        audit.record(event("team/app/main", 42, AuditEvent.Kind.REVOKED));
    }

    @AfterEach
    void stop() {
        extensions.close();
        jenkinsStatic.close();
    }

    @Test
    void theBuildPageListsOnlyThatBuildsEventsOldestFirst() {
        BuildSessionsAction page = new BuildSessionsAction("team/app/main", 42);

        assertThat(page.getEvents())
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.SESSION_OBTAINED, AuditEvent.Kind.REVOKED);
        assertThat(page.getUrlName()).isEqualTo("aws-sessions");
        assertThat(page.getDisplayName()).isEqualTo("AWS sessions");
    }

    @Test
    void administratorsSeeTheNewestEventsOfAllBuildsNewestFirst() {
        when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
        RecentSessionsAction page = new RecentSessionsAction();

        assertThat(page.getIconFileName()).isNotNull();
        assertThat(page.getEvents())
                .extracting(AuditEvent::job, AuditEvent::kind)
                .first()
                .isEqualTo(tuple("team/app/main", AuditEvent.Kind.REVOKED));
        assertThat(page.getEvents()).hasSize(4);
    }

    @Test
    void othersSeeNoLinkAndGetNoEvents() {
        when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(false);
        doThrow(new AccessDeniedException("not an administrator")).when(jenkins).checkPermission(Jenkins.ADMINISTER);
        RecentSessionsAction page = new RecentSessionsAction();

        assertThat(page.getIconFileName()).isNull();
        assertThatThrownBy(page::getEvents).isInstanceOf(AccessDeniedException.class);
    }

    private static AuditEvent event(String job, long build, AuditEvent.Kind kind) {
        return new AuditEvent(
                Instant.parse("2026-11-25T20:00:00Z").plusSeconds(build),
                kind,
                job,
                build,
                "deploy",
                null,
                null,
                null,
                "ok",
                null,
                null);
    }
}
