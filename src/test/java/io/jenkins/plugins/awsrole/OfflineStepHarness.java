package io.jenkins.plugins.awsrole;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.ExtensionList;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;

/**
 * What a step of this plugin needs from Jenkins, for tests that run it offline: a mocked {@link AwsRoleService} that
 * {@code AwsRoleService.get()} returns, a task listener whose log the test can read, and {@link AbortException}s that
 * keep their message (the offline declarations of those entry points throw). Close it after the test.
 */
final class OfflineStepHarness implements AutoCloseable {

    final AwsRoleService service = mock(AwsRoleService.class);
    final TaskListener listener = mock(TaskListener.class);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final MockedStatic<ExtensionList> extensions = mockStatic(ExtensionList.class);
    private final MockedConstruction<AbortException> aborts = mockConstruction(
            AbortException.class,
            (abort, construction) -> when(abort.getMessage())
                    .thenReturn((String) construction.arguments().get(0)));

    OfflineStepHarness() {
        extensions
                .when(() -> ExtensionList.lookupSingleton(AwsRoleService.class))
                .thenReturn(service);
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /** What the step printed so far. */
    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        extensions.close();
        aborts.close();
    }
}
