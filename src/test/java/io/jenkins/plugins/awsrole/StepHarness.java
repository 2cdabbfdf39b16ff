package io.jenkins.plugins.awsrole;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.ExtensionList;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.mockito.MockedStatic;

/**
 * What a step of this plugin needs from Jenkins, for tests that run it without a running Jenkins: a mocked {@link
 * AwsRoleService} that {@code AwsRoleService.get()} returns, and a task listener whose log the test can read. Close it
 * after the test.
 */
final class StepHarness implements AutoCloseable {

    final AwsRoleService service = mock(AwsRoleService.class);
    final TaskListener listener = mock(TaskListener.class);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final MockedStatic<ExtensionList> extensions = mockStatic(ExtensionList.class);

    StepHarness() {
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
    }
}
