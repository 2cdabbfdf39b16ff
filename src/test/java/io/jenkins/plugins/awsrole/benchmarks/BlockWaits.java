package io.jenkins.plugins.awsrole.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jenkinsci.plugins.workflow.actions.TimingAction;
import org.jenkinsci.plugins.workflow.cps.nodes.StepStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How long each block of a build waited between its step's start and its body's start, read from the flow graph
 * (Pipeline times every node as it creates it, in milliseconds). JMH scores whole builds; this tells the mean wait of
 * one block and how long the slowest of many blocks that started at once waited, which the score cannot. Printed after
 * each iteration, per step and build kind.
 */
@State(Scope.Benchmark)
public class BlockWaits {

    private final Map<String, Waits> seen = new TreeMap<>();

    /** The waits of one kind of build in one iteration. */
    private static final class Waits {
        long builds;
        long blocks;
        long totalMillis;
        long slowestMillis;
    }

    /** Adds the waits of every block of {@code step} in this build, under {@code kind}. */
    synchronized void record(String kind, String step, WorkflowRun run) {
        List<Long> waits = waits(run, step);
        Waits w = seen.computeIfAbsent(kind + " (" + step + ")", k -> new Waits());
        w.builds++;
        w.blocks += waits.size();
        for (long wait : waits) {
            w.totalMillis += wait;
            w.slowestMillis = Math.max(w.slowestMillis, wait);
        }
    }

    /** The step-start-to-body-start wait of every {@code step} block of {@code run}, in milliseconds. */
    static List<Long> waits(WorkflowRun run, String step) {
        return new DepthFirstScanner()
                .allNodes(run.getExecution()).stream()
                        .filter(node -> node instanceof StepStartNode body && body.isBody())
                        .filter(body -> isStep(body.getParents().get(0), step))
                        .map(body -> TimingAction.getStartTime(body)
                                - TimingAction.getStartTime(body.getParents().get(0)))
                        .toList();
    }

    private static boolean isStep(FlowNode node, String step) {
        return node instanceof StepStartNode start
                && start.getDescriptor() != null
                && step.equals(start.getDescriptor().getFunctionName());
    }

    /** Prints what this iteration saw, for docs/performance.md, and starts the next iteration afresh. */
    @TearDown(Level.Iteration)
    public synchronized void report() {
        seen.forEach((kind, w) -> System.out.printf(
                "%nBlockWaits %s: %d builds, all succeeded, %d blocks; step start to body start: mean %.1f ms,"
                        + " slowest %d ms%n",
                kind, w.builds, w.blocks, (double) w.totalMillis / Math.max(1, w.blocks), w.slowestMillis));
        seen.clear();
    }
}
