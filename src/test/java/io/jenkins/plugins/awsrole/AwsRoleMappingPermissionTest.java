package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;

import java.util.function.Consumer;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.springframework.security.access.AccessDeniedException;

/**
 * Every form check of a mapping asks for Overall/Administer before it looks at anything: the checks are reachable by
 * URL, and their answers describe the configuration.
 */
class AwsRoleMappingPermissionTest {

    @AutoClose
    private MockedStatic<Jenkins> jenkinsStatic;

    private final AwsRoleMapping.DescriptorImpl descriptor =
            mock(AwsRoleMapping.DescriptorImpl.class, CALLS_REAL_METHODS);

    @BeforeEach
    void aUserWithoutAdminister() {
        Jenkins jenkins = mock(Jenkins.class);
        doThrow(new AccessDeniedException("no Overall/Administer"))
                .when(jenkins)
                .checkPermission(any());
        jenkinsStatic = mockStatic(Jenkins.class);
        jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
    }

    @Test
    void everyCheckRequiresAdminister() {
        String role = "arn:aws:iam::123456789012:role/deploy";
        assertRefused(d -> d.doCheckStage("deploy"));
        assertRefused(d -> d.doCheckRoleArn(role));
        assertRefused(d -> d.doCheckRegion("eu-west-1", role));
        assertRefused(d -> d.doCheckSessionDurationSeconds("3600"));
        assertRefused(d -> d.doCheckSessionPolicy("{}"));
        assertRefused(d -> d.doCheckManagedPolicyArns("arn:aws:iam::aws:policy/ReadOnlyAccess", role));
        assertRefused(d -> d.doCheckAudience("sts.amazonaws.com"));
        assertRefused(d -> d.doCheckJobs("team/**"));
        assertRefused(d -> d.doCheckBranches("main"));
        assertRefused(d -> d.doCheckTags("v*", "main"));
        assertRefused(d -> d.doCheckForkChangeRequestsAllowed(true, true));
    }

    private void assertRefused(Consumer<AwsRoleMapping.DescriptorImpl> check) {
        // Had the check got past the permission, building its answer would throw UnsupportedOperationException.
        assertThatThrownBy(() -> check.accept(descriptor)).isInstanceOf(AccessDeniedException.class);
    }
}
