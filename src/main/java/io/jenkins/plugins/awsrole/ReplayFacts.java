package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Cause;
import hudson.model.Run;
import java.lang.reflect.InvocationTargetException;

/**
 * Whether a run executes a Pipeline script that someone may have edited by hand through "Replay".
 *
 * <p>workflow-cps marks both Replay and Rebuild with its {@code ReplayCause}. This class recognises that cause by
 * its class name, so the plugin does not depend on workflow-cps, and calls its methods reflectively:
 *
 * <ul>
 *   <li>A <b>replay</b> ({@code isRebuilt()} false) may run an edited script: replayed.
 *   <li>A <b>rebuild</b> ({@code isRebuilt()} true) runs its original's script unchanged, so it is exactly as
 *       trustworthy as that original: a rebuild of a replay is still replayed, and so on down the chain.
 *   <li>When in doubt the answer is "replayed": an older workflow-cps without {@code isRebuilt()} (it arrived in
 *       2026), an original that has been deleted, a chain longer than {@value #MAX_REBUILD_CHAIN} rebuilds, or any
 *       reflective failure. Replayed builds are refused by default, so doubt fails closed.
 * </ul>
 */
final class ReplayFacts {

    /** workflow-cps {@code plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/replay/ReplayCause.java}. */
    static final String REPLAY_CAUSE = "org.jenkinsci.plugins.workflow.cps.replay.ReplayCause";

    static final int MAX_REBUILD_CHAIN = 50;

    private ReplayFacts() {}

    static boolean isReplayed(@NonNull Run<?, ?> run) {
        Run<?, ?> current = run;
        for (int hops = 0; hops <= MAX_REBUILD_CHAIN; hops++) {
            Cause cause = replayCause(current);
            if (cause == null) {
                return false;
            }
            if (!isRebuilt(cause)) {
                return true;
            }
            current = original(cause);
            if (current == null) {
                return true;
            }
        }
        return true;
    }

    @CheckForNull
    static Cause replayCause(@NonNull Run<?, ?> run) {
        for (Cause cause : run.getCauses()) {
            if (cause != null && cause.getClass().getName().equals(REPLAY_CAUSE)) {
                return cause;
            }
        }
        return null;
    }

    /** {@code isRebuilt()} of a replay cause; false when this workflow-cps cannot tell (no such method). */
    static boolean isRebuilt(@NonNull Object replayCause) {
        return Boolean.TRUE.equals(call(replayCause, "isRebuilt"));
    }

    /** {@code getOriginal()} of a replay cause: the run it replays or rebuilds, or {@code null} when gone. */
    @CheckForNull
    static Run<?, ?> original(@NonNull Object replayCause) {
        return call(replayCause, "getOriginal") instanceof Run<?, ?> original ? original : null;
    }

    @CheckForNull
    private static Object call(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return null;
        }
    }
}
