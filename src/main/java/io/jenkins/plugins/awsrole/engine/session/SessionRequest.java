package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.util.Objects;

/**
 * A block's request for the role of a stage.
 *
 * @param stage the stage name the Pipeline asks for
 * @param build the build asking
 * @param blockId what tells this block apart from the other blocks of the build (it goes into the session name)
 * @param region a region the block asks for, or {@code null}; it may only narrow the mapping (see {@link
 *     SessionBroker})
 * @param durationSeconds a session duration the block asks for, or {@code null}; it may only shorten the mapping's
 */
public record SessionRequest(
        String stage, BuildIdentity build, String blockId, String region, Integer durationSeconds) {

    public SessionRequest {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(blockId, "blockId");
        region = region == null || region.isBlank() ? null : region.strip();
    }

    /** A request that takes the mapping's region and duration as they are. */
    public static SessionRequest of(String stage, BuildIdentity build, String blockId) {
        return new SessionRequest(stage, build, blockId, null, null);
    }
}
