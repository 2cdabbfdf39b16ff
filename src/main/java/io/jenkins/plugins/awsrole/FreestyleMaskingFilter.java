package io.jenkins.plugins.awsrole;

import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Objects;

/**
 * The console filter of {@link AwsRoleBuildWrapper}: wraps the build log in a masking stream that starts empty and
 * learns the session's secrets when the wrapper's {@code setUp} has them ({@link FreestyleLogMasks}).
 *
 * <p>Jenkins asks a build wrapper for its filter when the build starts, before {@code setUp}, so the secrets do not
 * exist yet when this object is made. It holds only the build's id and no secret, in clear or encrypted: whatever
 * serializes it (core asks that a wrapper's filter be {@code Serializable}) writes nothing worth reading. The secrets
 * live only in the masking stream, in memory, on the controller where the freestyle build log is written.
 *
 * <p>The filter ignores the {@code build} argument of {@link #decorateLogger}, as core's Javadoc of
 * {@code SimpleBuildWrapper.createLoggerDecorator} asks, and uses the id it was made with.
 */
final class FreestyleMaskingFilter extends ConsoleLogFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String buildId;

    FreestyleMaskingFilter(String buildId) {
        this.buildId = Objects.requireNonNull(buildId, "buildId");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        return FreestyleLogMasks.INSTANCE.attach(buildId, logger);
    }
}
