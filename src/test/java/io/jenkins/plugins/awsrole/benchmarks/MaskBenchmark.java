package io.jenkins.plugins.awsrole.benchmarks;

import io.jenkins.plugins.awsrole.engine.mask.Masker;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking throughput over a generated 64 MiB build log, written in 8 KiB chunks (as a console stream receives it)
 * through a 64 KiB {@link BufferedOutputStream} to a null stream:
 *
 * <ul>
 *   <li>{@code plainCopy}: no masking, just the same writes and buffering;
 *   <li>{@code lineRegex}: the credentials-binding way ({@link LineRegexMasker});
 *   <li>{@code streaming}: this plugin's {@link Masker};
 *   <li>{@code plainCopyCached} and {@code streamingCached}: the same two, writing the same amount from one 256 KiB
 *       stretch of the log over and over, so that the bytes are in the CPU's cache when they arrive, as they are when
 *       Jenkins has just read them from a pipe or a channel;
 *   <li>{@code strideFloor}: not a masker but the least work any skip scan must do before the same copy: one byte read
 *       per window of the shortest secret minus one, since a scan that looks at fewer bytes can step over a whole
 *       secret unseen. It tells how close to a plain copy a scalar masker can come on the machine at hand.
 * </ul>
 *
 * <p>Each invocation pushes the whole log and counts as 64 operations, so the score in ops/s is MiB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(MaskBenchmark.LOG_MIB)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class MaskBenchmark {

    static final int LOG_MIB = 64;
    private static final int CHUNK = 8192;
    private static final int BUFFER = 65536;
    private static final int CACHED = 256 << 10;

    /** 3: one AWS session (key id, secret, session token). 50: ten sessions and twenty other tokens. */
    @Param({"3", "50"})
    public int secrets;

    private byte[] log;
    private Masker masker;
    private Pattern aggregate;
    private int stride;

    @Setup
    public void generate() {
        Random random = new Random(42);
        List<String> list = BuildLog.secrets(secrets, random);
        log = BuildLog.generate(LOG_MIB << 20, list, random);
        masker = Masker.of(list);
        aggregate = LineRegexMasker.aggregatePattern(list);
        stride = list.stream()
                        .mapToInt(secret -> secret.getBytes(StandardCharsets.UTF_8).length)
                        .min()
                        .orElseThrow()
                - 1;
    }

    @Benchmark
    public void plainCopy() throws IOException {
        pump(new BufferedOutputStream(OutputStream.nullOutputStream(), BUFFER));
    }

    /**
     * One measured invocation, no warm-up: an invocation takes seconds with 3 secrets and minutes with 50, long enough
     * for the JIT to finish early in it, and far too long to repeat on a shared machine.
     */
    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1, time = 1)
    public void lineRegex() throws IOException {
        OutputStream sink = new BufferedOutputStream(OutputStream.nullOutputStream(), BUFFER);
        pump(new LineRegexMasker(sink, aggregate, StandardCharsets.UTF_8));
    }

    @Benchmark
    public void streaming() throws IOException {
        pump(masker.filter(new BufferedOutputStream(OutputStream.nullOutputStream(), BUFFER)));
    }

    @Benchmark
    public void plainCopyCached() throws IOException {
        pumpCached(new BufferedOutputStream(OutputStream.nullOutputStream(), BUFFER));
    }

    @Benchmark
    public void streamingCached() throws IOException {
        pumpCached(masker.filter(new BufferedOutputStream(OutputStream.nullOutputStream(), BUFFER)));
    }

    @Benchmark
    public long strideFloor() throws IOException {
        OutputStream out = new BufferedOutputStream(OutputStream.nullOutputStream(), BUFFER);
        long sum = 0;
        for (int i = 0; i < log.length; i += CHUNK) {
            int end = Math.min(i + CHUNK, log.length);
            for (int j = i + stride; j < end; j += stride) {
                sum += log[j];
            }
            out.write(log, i, end - i);
        }
        out.close();
        return sum; // returned, so that JMH keeps the reads
    }

    /** As many bytes as {@link #pump} writes, from the log's first {@value #CACHED} bytes again and again. */
    private void pumpCached(OutputStream out) throws IOException {
        for (int written = 0; written < LOG_MIB << 20; written += CHUNK) {
            out.write(log, written % CACHED, CHUNK);
        }
        out.close();
    }

    private void pump(OutputStream out) throws IOException {
        for (int i = 0; i < log.length; i += CHUNK) {
            out.write(log, i, Math.min(CHUNK, log.length - i));
        }
        out.close();
    }
}
