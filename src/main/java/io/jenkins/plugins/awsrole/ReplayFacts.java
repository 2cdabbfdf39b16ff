package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.Run;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a run executes a Pipeline script that may not be its job's own: one that someone may have edited by hand
 * through "Replay", or that another run's script stands in for.
 *
 * <p>Every way a Pipeline run gets a script other than the one its job defines goes through a <em>flow factory
 * action</em>: an action of the run that implements workflow-cps's {@code CpsFlowFactoryAction2} (or the deprecated
 * {@code CpsFlowFactoryAction}), which every flow definition (inline script, script from SCM, multibranch) lets take
 * over the creation of the run's execution. This class recognises them and the causes next to them by class name, so
 * the plugin depends on neither workflow-cps nor Declarative, and calls their methods reflectively:
 *
 * <ul>
 *   <li>No flow factory action and no {@code ReplayCause}: the job's definition made the script. Not replayed.
 *   <li>A <b>replay</b> ({@code ReplayCause} with {@code isRebuilt()} false) may run an edited script: replayed.
 *   <li>A <b>rebuild</b> ({@code ReplayCause} with {@code isRebuilt()} true, whose {@code ReplayFlowFactoryAction}
 *       carries the original's script unchanged) is exactly as trustworthy as that original: followed to it.
 *   <li>A Declarative <b>Restart from Stage</b> ({@code RestartFlowFactoryAction}, whose run's causes are only a user
 *       and a {@code RestartDeclarativePipelineCause}) runs its original's script again, so it is followed to that
 *       original, the run its action names by id; a restart of a replay is therefore replayed.
 *   <li>Any other flow factory action, from a plugin this class does not know: replayed, since its script need not be
 *       the job's.
 *   <li>When in doubt the answer is "replayed": an older workflow-cps without {@code isRebuilt()} (it arrived in
 *       2026), an original that has been deleted or belongs to another job, a chain longer than {@value
 *       #MAX_CHAIN} reruns, or any reflective failure. Replayed builds are refused by default, so doubt fails
 *       closed.
 * </ul>
 */
final class ReplayFacts {

    /** workflow-cps {@code plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/replay/ReplayCause.java}. */
    static final String REPLAY_CAUSE = "org.jenkinsci.plugins.workflow.cps.replay.ReplayCause";

    /** workflow-cps: an action that takes over making a run's execution, and so chooses its script. */
    static final String FLOW_FACTORY = "org.jenkinsci.plugins.workflow.cps.CpsFlowFactoryAction2";

    /** workflow-cps: the deprecated predecessor of {@link #FLOW_FACTORY}, still honoured by CpsFlowDefinition. */
    static final String OLD_FLOW_FACTORY = "org.jenkinsci.plugins.workflow.cps.CpsFlowFactoryAction";

    /** workflow-cps: the flow factory of Replay and Rebuild, next to a {@link #REPLAY_CAUSE}. */
    static final String REPLAY_FLOW_FACTORY = "org.jenkinsci.plugins.workflow.cps.replay.ReplayFlowFactoryAction";

    /** pipeline-model-definition: the flow factory of "Restart from Stage", naming its original by id. */
    static final String RESTART_FLOW_FACTORY =
            "org.jenkinsci.plugins.pipeline.modeldefinition.actions.RestartFlowFactoryAction";

    static final int MAX_CHAIN = 50;

    private ReplayFacts() {}

    static boolean isReplayed(@NonNull Run<?, ?> run) {
        Run<?, ?> current = run;
        for (int hops = 0; hops <= MAX_CHAIN; hops++) {
            List<Action> factories = flowFactories(current);
            Cause replay = replayCause(current);
            Run<?, ?> original;
            if (replay != null) {
                if (!isRebuilt(replay) || !allOfClass(factories, REPLAY_FLOW_FACTORY)) {
                    return true;
                }
                original = original(replay);
            } else if (factories.isEmpty()) {
                return false;
            } else if (factories.size() == 1 && isNamed(factories.get(0), RESTART_FLOW_FACTORY)) {
                original = restartOrigin(current, factories.get(0));
            } else {
                return true;
            }
            if (original == null) {
                return true;
            }
            current = original;
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

    /** The run's actions that choose its script, whatever plugin attached them. */
    static List<Action> flowFactories(@NonNull Run<?, ?> run) {
        List<Action> factories = new ArrayList<>();
        for (Action action : run.getAllActions()) {
            if (action != null && (isA(action.getClass(), FLOW_FACTORY) || isA(action.getClass(), OLD_FLOW_FACTORY))) {
                factories.add(action);
            }
        }
        return factories;
    }

    /**
     * The run a restart's action names ({@code getOriginRunId()}, the original's {@code Run.getExternalizableId()}:
     * job full name, {@code #}, build number), looked up in the restarted run's own job; {@code null} when it cannot
     * be read, belongs to another job or is gone. Looked up in the job rather than through Jenkins, so the answer does
     * not depend on what the thread's user may read.
     */
    @CheckForNull
    static Run<?, ?> restartOrigin(@NonNull Run<?, ?> restarted, @NonNull Object restartAction) {
        if (!(call(restartAction, "getOriginRunId") instanceof String id)) {
            return null;
        }
        int hash = id.lastIndexOf('#');
        if (hash < 0 || !id.substring(0, hash).equals(restarted.getParent().getFullName())) {
            return null;
        }
        int number;
        try {
            number = Integer.parseInt(id.substring(hash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        return restarted.getParent().getBuildByNumber(number);
    }

    private static boolean allOfClass(List<Action> actions, String className) {
        for (Action action : actions) {
            if (!isNamed(action, className)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNamed(Object object, String className) {
        return object.getClass().getName().equals(className);
    }

    /** Whether {@code type}, a superclass or any interface they implement has this name. */
    static boolean isA(@CheckForNull Class<?> type, String name) {
        if (type == null) {
            return false;
        }
        if (type.getName().equals(name)) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (isA(implemented, name)) {
                return true;
            }
        }
        return isA(type.getSuperclass(), name);
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
