package io.jenkins.plugins.awsrole.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this package by command, never as part of {@code verify} (the name matches no test
 * pattern; the plugin parent POM's {@code jmh-benchmark} profile runs {@code Benchmark*} classes only):
 *
 * <pre>
 * ./mvnw -P jmh-benchmark test -Djmh.args='MaskBenchmark -p secrets=3'
 * </pre>
 *
 * <p>{@code jmh.args} takes JMH's own command line (a benchmark regular expression, {@code -p}, {@code -f}, {@code -i}
 * and so on); {@code -Djmh.args=} runs every benchmark of this package. Results go to {@code target/jmh-result.json}
 * too. Without {@code jmh.args} nothing runs: a test selection such as {@code -Dtest='!*JenkinsTest'} would otherwise
 * pick this class up and spend a quarter of an hour benchmarking.
 */
@EnabledIfSystemProperty(named = "jmh.args", matches = ".*", disabledReason = "benchmarks run only with -Djmh.args")
class BenchmarkRunner {

    @Test
    void runBenchmarks() throws Exception {
        String args = System.getProperty("jmh.args", "").strip();
        CommandLineOptions command = new CommandLineOptions(args.isEmpty() ? new String[0] : args.split("\\s+"));
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(command)
                .jvmArgs(forkArguments())
                .resultFormat(ResultFormatType.JSON)
                .result("target/jmh-result.json");
        if (command.getIncludes().isEmpty()) {
            options.include(BenchmarkRunner.class.getPackageName() + "\\..*");
        }

        Collection<RunResult> results = new Runner(options.build()).run();

        assertThat(results).as("benchmarks run for '%s'", args).isNotEmpty();
    }

    /**
     * The arguments of this JVM for JMH's forks, minus what would distort a measurement: the plugin parent POM starts
     * test JVMs with the C1 compiler only ({@code -XX:TieredStopAtLevel=1}), a fixed small heap (each benchmark sets
     * its own) and Mockito's agent. The {@code --add-opens} that a Jenkins needs stay.
     */
    private static String[] forkArguments() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> !arg.startsWith("-XX:TieredStopAtLevel"))
                .filter(arg -> !arg.startsWith("-Xms") && !arg.startsWith("-Xmx"))
                .filter(arg -> !arg.startsWith("-javaagent:"))
                .toArray(String[]::new);
    }
}
