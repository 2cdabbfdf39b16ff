package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The freestyle ordering: Jenkins decorates the log (the filter registers an empty masking stream) before the
 * wrapper's {@code setUp} knows the secrets and adds them through the registry.
 */
class FreestyleLogMasksTest {

    private static final String SECRET = AwsEnvironmentTest.SECRET_KEY;
    private static final String TOKEN = AwsEnvironmentTest.TOKEN;

    private final FreestyleLogMasks masks = FreestyleLogMasks.INSTANCE;
    private final List<String> ids = new ArrayList<>();

    private String buildId(String name) {
        String id = "folder/" + name + "#" + (ids.size() + 1);
        ids.add(id);
        return id;
    }

    @AfterEach
    void forgetTheBuilds() {
        ids.forEach(masks::forget);
    }

    @Test
    void secretsAddedAfterTheFilterDecoratedTheLogAreMaskedFromThenOn() throws IOException {
        String id = buildId("ordering");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // 1. The build starts: Jenkins asks the wrapper for its filter and decorates the log with it.
        OutputStream decorated = new FreestyleMaskingFilter(id).decorateLogger((Run<?, ?>) null, log);
        // 2. Output before setUp knows the session passes as it is: nothing to mask yet, and it is not held back
        //    for secrets that come later. (A session's secrets cannot appear before the session exists.)
        decorated.write(("early " + SECRET + "\n").getBytes(StandardCharsets.UTF_8));
        decorated.flush();
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("early " + SECRET + "\n");

        // 3. setUp has the session and adds its secrets.
        int streams = masks.addSecrets(id, List.of(SECRET, TOKEN));
        decorated.write(("key=" + SECRET + " token=" + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
        decorated.close();

        assertThat(streams).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("early " + SECRET + "\n" + "key=**** token=****\n");
    }

    @Test
    void aSecretSplitAcrossWritesIsMasked() throws IOException {
        String id = buildId("split");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        OutputStream decorated = new FreestyleMaskingFilter(id).decorateLogger((Run<?, ?>) null, log);
        masks.addSecrets(id, List.of(SECRET));

        decorated.write(SECRET.substring(0, 10).getBytes(StandardCharsets.UTF_8));
        decorated.write(SECRET.substring(10).getBytes(StandardCharsets.UTF_8));
        decorated.close();

        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("****");
    }

    @Test
    void withoutADecoratedLogNothingTakesTheSecrets() {
        String id = buildId("pipeline");

        assertThat(masks.isAttached(id)).isFalse();
        assertThat(masks.addSecrets(id, List.of(SECRET))).isZero();
        assertThat(masks.isAttached(id)).isFalse();
    }

    @Test
    void secretsGoOnlyToTheLogsOfTheirBuild() throws IOException {
        String mine = buildId("mine");
        String other = buildId("other");
        ByteArrayOutputStream myLog = new ByteArrayOutputStream();
        ByteArrayOutputStream otherLog = new ByteArrayOutputStream();
        OutputStream myStream = new FreestyleMaskingFilter(mine).decorateLogger((Run<?, ?>) null, myLog);
        OutputStream otherStream = new FreestyleMaskingFilter(other).decorateLogger((Run<?, ?>) null, otherLog);

        masks.addSecrets(mine, List.of(SECRET));
        myStream.write(SECRET.getBytes(StandardCharsets.UTF_8));
        otherStream.write(SECRET.getBytes(StandardCharsets.UTF_8));
        myStream.close();
        otherStream.close();

        assertThat(myLog.toString(StandardCharsets.UTF_8)).isEqualTo("****");
        assertThat(otherLog.toString(StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }

    @Test
    void forgettingABuildKeepsItsLogMaskedButTakesNoMoreSecrets() throws IOException {
        String id = buildId("forget");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        OutputStream decorated = new FreestyleMaskingFilter(id).decorateLogger((Run<?, ?>) null, log);
        masks.addSecrets(id, List.of(SECRET));

        masks.forget(id);
        int late = masks.addSecrets(id, List.of(TOKEN));
        decorated.write((SECRET + " " + TOKEN).getBytes(StandardCharsets.UTF_8));
        decorated.close();

        assertThat(masks.isAttached(id)).isFalse();
        assertThat(late).isZero();
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("**** " + TOKEN);
    }

    @Test
    void theRegistryDoesNotKeepALogAlive() throws Exception {
        String id = buildId("weak");
        OutputStream log = new FreestyleMaskingFilter(id).decorateLogger((Run<?, ?>) null, new ByteArrayOutputStream());
        java.lang.ref.WeakReference<OutputStream> seen = new java.lang.ref.WeakReference<>(log);
        assertThat(masks.isAttached(id)).isTrue();

        log = null;
        for (int i = 0; i < 50 && seen.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }

        assertThat(seen.get()).as("a log no one uses any more is collected").isNull();
        assertThat(masks.isAttached(id)).isFalse();
        assertThat(masks.addSecrets(id, List.of(SECRET))).isZero();
    }

    @Test
    void theSerializedFilterHoldsTheBuildIdAndNoSecret() throws IOException {
        String id = buildId("serialized");
        FreestyleMaskingFilter filter = new FreestyleMaskingFilter(id);
        OutputStream log = filter.decorateLogger((Run<?, ?>) null, new ByteArrayOutputStream());
        assertThat(masks.addSecrets(id, List.of(SECRET, TOKEN))).isEqualTo(1);
        Reference.reachabilityFence(log);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(filter);
        }
        String serialized = bytes.toString(StandardCharsets.ISO_8859_1);

        assertThat(serialized).contains(id).doesNotContain(SECRET).doesNotContain(TOKEN);
    }

    @Test
    void manyBuildsAtOnceEachGetTheirOwnEntryAndLeaveNoneBehind() throws Exception {
        int before = masks.size();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String id = "concurrent#" + i;
                results.add(pool.submit(() -> {
                    ByteArrayOutputStream log = new ByteArrayOutputStream();
                    OutputStream decorated = new FreestyleMaskingFilter(id).decorateLogger((Run<?, ?>) null, log);
                    masks.addSecrets(id, List.of(SECRET));
                    decorated.write(SECRET.getBytes(StandardCharsets.UTF_8));
                    decorated.close();
                    masks.forget(id);
                    return log.toString(StandardCharsets.UTF_8);
                }));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("****");
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(masks.size()).isEqualTo(before);
    }
}
