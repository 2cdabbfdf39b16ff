package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.awsrole.engine.mask.MaskRules;
import io.jenkins.plugins.awsrole.engine.mask.MaskingOutputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The masking streams of the freestyle builds that are running, by the build's externalizable id
 * ({@code job#number}), so that {@link AwsRoleBuildWrapper} can add a session's secrets to a log that was decorated
 * before the session existed.
 *
 * <p>Why a registry: in a freestyle build Jenkins decorates the build log with each wrapper's console filter when the
 * build starts, and calls the wrapper's {@code setUp} later (core {@code Run.createBuildListener}, then
 * {@code Build.BuildExecution.doRun}). The filter therefore cannot be given the secrets; it starts a stream that masks
 * nothing yet and registers it here, and {@code setUp} adds the secrets through the registry.
 *
 * <p>The registry holds the streams weakly: a stream lives as long as the build's log does, and an entry whose
 * streams are gone holds nothing. Entries are also removed explicitly, when the wrapper's session ends and when the
 * build is finalized ({@link FreestyleLogMaskCleanup}). Removing an entry does not unmask anything: a stream keeps
 * masking every secret it was given until the log is closed. Nothing here is serialized.
 *
 * <p>Thread-safe: the build thread registers and adds, the Jenkins thread that finalizes builds removes.
 */
final class FreestyleLogMasks {

    /** The registry of this Jenkins. */
    static final FreestyleLogMasks INSTANCE = new FreestyleLogMasks();

    private final Map<String, List<WeakReference<MaskingOutputStream>>> streams = new ConcurrentHashMap<>();

    /**
     * Wraps a build's log in a masking stream that masks nothing until {@link #addSecrets} is called for the build.
     *
     * @param buildId the build's externalizable id
     * @param log the log to wrap
     * @return the masking stream, registered under {@code buildId}
     */
    @NonNull
    OutputStream attach(@NonNull String buildId, @NonNull OutputStream log) {
        Objects.requireNonNull(buildId, "buildId");
        MaskingOutputStream stream = MaskRules.standard().compile(List.of()).filter(log);
        streams.compute(buildId, (id, known) -> {
            List<WeakReference<MaskingOutputStream>> live = live(known);
            live.add(new WeakReference<>(stream));
            return live;
        });
        return stream;
    }

    /** Whether a log of this build is being masked through this registry, so that secrets added now will be masked. */
    boolean isAttached(@NonNull String buildId) {
        List<WeakReference<MaskingOutputStream>> known = streams.get(buildId);
        return known != null && !live(known).isEmpty();
    }

    /**
     * Masks these secrets, from now on, in every registered log of the build. Bytes written before the call are not
     * masked: they have been passed on already (apart from the few held back as a possible start of a known secret).
     *
     * @return how many logs now mask the secrets; 0 means none does, and the caller must not reveal them
     * @throws IllegalArgumentException if a secret is too short to be masked reliably (see {@link MaskRules})
     */
    int addSecrets(@NonNull String buildId, @NonNull Collection<String> secrets) {
        int[] added = {0};
        // compute() holds the entry while secrets are added, so attach, addSecrets and forget of one build never
        // interleave.
        streams.computeIfPresent(buildId, (id, known) -> {
            List<WeakReference<MaskingOutputStream>> live = live(known);
            for (WeakReference<MaskingOutputStream> reference : live) {
                MaskingOutputStream stream = reference.get();
                if (stream != null) {
                    stream.addSecrets(secrets);
                    added[0]++;
                }
            }
            return live.isEmpty() ? null : live;
        });
        return added[0];
    }

    /** Stops tracking the build's logs; they go on masking what they already mask. */
    void forget(@NonNull String buildId) {
        streams.remove(buildId);
    }

    /** How many builds have an entry (for tests). */
    int size() {
        return streams.size();
    }

    private static List<WeakReference<MaskingOutputStream>> live(List<WeakReference<MaskingOutputStream>> known) {
        List<WeakReference<MaskingOutputStream>> live = new ArrayList<>();
        if (known != null) {
            for (WeakReference<MaskingOutputStream> reference : known) {
                if (reference.get() != null) {
                    live.add(reference);
                }
            }
        }
        return live;
    }
}
