package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;

import hudson.util.FormValidation;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import java.time.Duration;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.springframework.security.access.AccessDeniedException;

/**
 * The two session settings of the global configuration, the refresh threshold ({@code refreshMinutes}) and the audit
 * retention ({@code auditRetention}): their ranges, their messages, and form checks only for administrators.
 */
class SessionSettingsTest {

    @AutoClose
    private final MockedStatic<Jenkins> jenkinsStatic = mockStatic(Jenkins.class);

    private final Jenkins jenkins = mock(Jenkins.class);
    private final AwsRoleConfiguration config = mock(AwsRoleConfiguration.class, CALLS_REAL_METHODS);

    SessionSettingsTest() {
        jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
    }

    @Test
    void theRefreshThresholdIsOneToSixtyMinutes() {
        assertThat(AwsRoleConfiguration.checkRefreshMinutes(1)).isEqualTo(1);
        assertThat(AwsRoleConfiguration.checkRefreshMinutes(60)).isEqualTo(60);
        assertThatThrownBy(() -> AwsRoleConfiguration.checkRefreshMinutes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The refresh threshold must be between 1 and 60 minutes; it is 0.");
        assertThatThrownBy(() -> AwsRoleConfiguration.checkRefreshMinutes(61))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAuditRetentionIsAHundredToAMillionEvents() {
        assertThat(AwsRoleConfiguration.checkAuditRetention(100)).isEqualTo(100);
        assertThat(AwsRoleConfiguration.checkAuditRetention(AuditLog.DEFAULT_RETENTION))
                .isEqualTo(AuditLog.DEFAULT_RETENTION);
        assertThat(AwsRoleConfiguration.checkAuditRetention(1_000_000)).isEqualTo(1_000_000);
        assertThatThrownBy(() -> AwsRoleConfiguration.checkAuditRetention(99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The audit trail must keep between 100 and 1000000 events; it is 99.");
        assertThatThrownBy(() -> AwsRoleConfiguration.checkAuditRetention(1_000_001))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFormChecksAnswerWithTheRangeMessageAndTakeEmptyForTheDefault() {
        assertThat(config.doCheckRefreshMinutes("10").kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation tooMany = config.doCheckRefreshMinutes("90");
        assertThat(tooMany.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(tooMany.getMessage()).isEqualTo("The refresh threshold must be between 1 and 60 minutes; it is 90.");
        assertThat(config.doCheckAuditRetention("500").kind).isEqualTo(FormValidation.Kind.OK);

        FormValidation empty = config.doCheckRefreshMinutes(" ");
        assertThat(empty.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(empty.getMessage()).isEqualTo("Empty: the default, 5.");
        FormValidation text = config.doCheckAuditRetention("lots");
        assertThat(text.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(text.getMessage()).contains("is not a whole number");
    }

    @Test
    void theFormChecksRequireAdminister() {
        doThrow(new AccessDeniedException("no Overall/Administer"))
                .when(jenkins)
                .checkPermission(any());

        assertThatThrownBy(() -> config.doCheckRefreshMinutes("5")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> config.doCheckAuditRetention("500")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theThresholdReachesTheBlocksInMinutes() throws Exception {
        java.lang.reflect.Field minutes = AwsRoleConfiguration.class.getDeclaredField("refreshMinutes");
        minutes.setAccessible(true);
        minutes.setInt(config, 7);

        assertThat(config.refreshThreshold()).isEqualTo(Duration.ofMinutes(7));
    }
}
