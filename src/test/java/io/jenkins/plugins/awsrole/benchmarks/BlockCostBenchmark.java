package io.jenkins.plugins.awsrole.benchmarks;

import io.jenkins.plugins.awsrole.AwsRoleConfiguration;
import io.jenkins.plugins.awsrole.AwsRoleMapping;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jenkins.benchmark.jmh.JmhBenchmarkState;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a {@code withAwsRole} block costs a Pipeline, in a live Jenkins (the test harness's) against the local
 * AWS-compatible server, which fetches this Jenkins' issuer documents over HTTP and verifies every token as STS does.
 *
 * <ul>
 *   <li>{@code withEnvBlock}: the baseline, a build of {@value #BLOCKS} empty {@code withEnv} blocks, per block;
 *   <li>{@code withAwsRoleBlock}: the same build with {@code withAwsRole(stage: 'deploy')} blocks, per block: the
 *       decision, the token, STS, the environment and the masking filter, and the block's end;
 *   <li>{@code stsRoundTrip}: the STS call alone, through the plugin's client to the same server, with a token minted
 *       beforehand; subtracted from the block's cost, since it is AWS's time, not the plugin's;
 *   <li>{@code parallelBlocks}: one build of {@value #BRANCHES} parallel branches that each open a block at once, per
 *       build; {@code parallelWithEnvBlocks}, its baseline, the same with {@code withEnv}. Every build must succeed
 *       (one failed block fails the benchmark).
 * </ul>
 *
 * <p>After each iteration {@link BlockWaits} prints each kind's mean and slowest wait from a block's step start to
 * its body's start, as the flow graph times them.
 *
 * <p>The overhead of one block is {@code withAwsRoleBlock - withEnvBlock - stsRoundTrip}; docs/performance.md has the
 * figures and the command.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", "-Dsun.net.httpserver.nodelay=true"})
// Pipeline's own cost falls for a few iterations while its code is compiled: five warm-ups before measuring.
@Warmup(iterations = 5, time = 10)
@Measurement(iterations = 5, time = 10)
public class BlockCostBenchmark {

    static final int BLOCKS = 20;
    static final int BRANCHES = 100;
    private static final String AUDIENCE = "sts.amazonaws.com";

    /** A Jenkins whose only mapping gives stage {@code deploy} to every job, and an AWS account that trusts it. */
    public static class LiveJenkins extends JmhBenchmarkState {
        FakeAws aws;
        FakeRole deploy;
        WorkflowJob withEnv;
        WorkflowJob withAwsRole;
        WorkflowJob parallel;
        WorkflowJob parallelWithEnv;

        @Override
        public void setup() throws Exception {
            // Jenkins logs every build and audit event at INFO on the console, in the middle of JMH's report.
            Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            aws = FakeAws.start();
            String provider = aws.createOidcProvider(Jenkins.get().getRootUrl() + "aws-oidc-role", AUDIENCE);
            deploy = aws.createRole("deploy", FakeAws.trustPolicy(provider, AUDIENCE, "job:*:stage:deploy"), 3600);
            AwsRoleConfiguration config = AwsRoleConfiguration.get();
            config.setStsEndpoint(aws.endpoint().toString());
            config.setDefaultRegion("eu-west-1");
            AwsRoleMapping mapping = new AwsRoleMapping("deploy", deploy.arn());
            mapping.setJobs("*");
            config.setMappings(List.of(mapping));
            withEnv = job("with-env", blocks("withEnv(['BENCHMARK=1'])"));
            withAwsRole = job("with-aws-role", blocks("withAwsRole(stage: 'deploy')"));
            parallel = job("parallel", branches("withAwsRole(stage: 'deploy')"));
            parallelWithEnv = job("parallel-with-env", branches("withEnv(['BENCHMARK=1'])"));
        }

        @Override
        public void tearDown() {
            if (aws != null) {
                aws.close();
            }
        }

        private static String branches(String block) {
            return "parallel("
                    + IntStream.range(0, BRANCHES)
                            .mapToObj(i -> "b" + i + ": { " + block + " { } }")
                            .collect(Collectors.joining(", "))
                    + ")\n";
        }

        private static String blocks(String block) {
            return IntStream.range(0, BLOCKS).mapToObj(i -> block + " { }\n").collect(Collectors.joining());
        }

        private WorkflowJob job(String name, String script) throws Exception {
            WorkflowJob job = getJenkins().createProject(WorkflowJob.class, name);
            job.setDefinition(new CpsFlowDefinition(script, true));
            return job;
        }
    }

    /** A token minted before each call, so that {@code stsRoundTrip} times STS alone. */
    @State(Scope.Thread)
    public static class Exchange {
        StsExchange sts;
        ExchangeRequest request;

        @Setup(Level.Trial)
        public void client() {
            sts = new StsExchange();
        }

        @Setup(Level.Invocation)
        public void token(LiveJenkins jenkins) {
            BuildIdentity build = new BuildIdentity(
                    "sts-round-trip",
                    1,
                    Jenkins.get().getRootUrl() + "job/sts-round-trip/1/",
                    null,
                    null,
                    false,
                    false);
            String token = AwsRoleConfiguration.get()
                    .issuer()
                    .mint(TokenRequest.of(build, "deploy"))
                    .token();
            request = ExchangeRequest.builder()
                    .roleArn(jenkins.deploy.arn())
                    .sessionName("sts-round-trip")
                    .webIdentityToken(token)
                    .region("eu-west-1")
                    .endpoint(jenkins.aws.endpoint())
                    .build();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public WorkflowRun withEnvBlock(LiveJenkins jenkins, BlockWaits waits) throws Exception {
        WorkflowRun run = Builds.succeed(jenkins.withEnv);
        waits.record("sequential", "withEnv", run);
        return run;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public WorkflowRun withAwsRoleBlock(LiveJenkins jenkins, BlockWaits waits) throws Exception {
        WorkflowRun run = Builds.succeed(jenkins.withAwsRole);
        waits.record("sequential", "withAwsRole", run);
        return run;
    }

    @Benchmark
    public RoleSession stsRoundTrip(Exchange exchange) throws InterruptedException {
        return exchange.sts.exchange(exchange.request);
    }

    @Benchmark
    public WorkflowRun parallelWithEnvBlocks(LiveJenkins jenkins, BlockWaits waits) throws Exception {
        WorkflowRun run = Builds.succeed(jenkins.parallelWithEnv);
        waits.record("parallel", "withEnv", run);
        return run;
    }

    @Benchmark
    public WorkflowRun parallelBlocks(LiveJenkins jenkins, BlockWaits waits) throws Exception {
        WorkflowRun run = Builds.succeed(jenkins.parallel);
        waits.record("parallel", "withAwsRole", run);
        return run;
    }
}
