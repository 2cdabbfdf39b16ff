package io.jenkins.plugins.awsrole;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.listeners.RunListener;

/**
 * Removes a finished build from {@link FreestyleLogMasks}, also when the wrapper's session never started (a refusal,
 * or an earlier wrapper that failed), so the registry never outgrows the running builds.
 */
@Extension
public final class FreestyleLogMaskCleanup extends RunListener<Run<?, ?>> {

    @Override
    public void onFinalized(Run<?, ?> run) {
        FreestyleLogMasks.INSTANCE.forget(run.getExternalizableId());
    }
}
