package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.Run;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.ref.Reference;
import org.junit.jupiter.api.Test;

/** A finalized build leaves the registry, whether or not its wrapper's session ever started. */
class FreestyleLogMaskCleanupTest {

    @Test
    void aFinalizedBuildIsForgotten() {
        String id = "refused#7";
        // Held, as the build's listener holds it: the registry only holds it weakly.
        OutputStream log = new FreestyleMaskingFilter(id).decorateLogger((Run<?, ?>) null, new ByteArrayOutputStream());
        Run<?, ?> run = mock(Run.class);
        when(run.getExternalizableId()).thenReturn(id);

        assertThat(FreestyleLogMasks.INSTANCE.isAttached(id)).isTrue();
        // RunListener's constructor registers nothing here; a mock that runs the real onFinalized is enough.
        mock(FreestyleLogMaskCleanup.class, CALLS_REAL_METHODS).onFinalized(run);

        assertThat(FreestyleLogMasks.INSTANCE.isAttached(id)).isFalse();
        Reference.reachabilityFence(log);
    }
}
