package io.jenkins.plugins.awsrole.engine.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random logs, random secrets, random ways of writing: the stream must always agree with {@link ReferenceMasker}.
 * Seeded, so a failure names the seed that reproduces it.
 */
class MaskingPropertyTest {

    private static final byte[] STARS = "****".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=+/=-_.~ \"\\<>&'%!\n\té日€";

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void streamingAgreesWithTheReference(long seed) throws IOException {
        Random random = new Random(seed);
        for (int round = 0; round < 60; round++) {
            List<String> secrets = randomSecrets(random);
            List<byte[]> patterns = patternsOf(secrets);
            byte[] log = randomLog(random, patterns, 1 + random.nextInt(6000));
            byte[] masked = writeInRandomChunks(random, secrets, log, List.of(), 0);

            String context = "seed " + seed + " round " + round;
            assertThat(masked).as(context).isEqualTo(ReferenceMasker.mask(log, patterns, STARS));
            for (byte[] p : patterns) {
                assertThat(indexOf(masked, p))
                        .as(context + ": a secret survived")
                        .isEqualTo(-1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void secretsAddedMidStreamApplyToWhatFollows(long seed) throws IOException {
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            List<String> first = randomSecrets(random);
            List<String> later = randomSecrets(random);
            byte[] before = randomLog(random, patternsOf(first), 1 + random.nextInt(3000));
            List<byte[]> allPatterns = patternsOf(concat(first, later));
            byte[] after = randomLog(random, allPatterns, 1 + random.nextInt(3000));
            byte[] log = concat(before, after);

            byte[] masked = writeInRandomChunks(random, first, log, later, before.length);

            assertThat(masked)
                    .as("seed " + seed + " round " + round)
                    .isEqualTo(ReferenceMasker.mask(log, allPatterns, STARS));
        }
    }

    /** Writes in chunks of 1 byte to a few KiB, flushing now and then; adds {@code later} once at {@code addAt}. */
    private static byte[] writeInRandomChunks(
            Random random, List<String> secrets, byte[] log, List<String> later, int addAt) throws IOException {
        Masker masker = Masker.of(secrets);
        List<byte[]> known = patternsOf(secrets);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream stream = masker.filter(sink);
        int limit = masker.longestPattern();
        int i = 0;
        boolean added = later.isEmpty();
        while (i < log.length) {
            int end = i + chunkSize(random, log.length - i);
            if (!added && end > addAt) {
                end = addAt; // i < addAt until the secrets are added
            }
            if (random.nextInt(4) == 0 && end - i == 1) {
                stream.write(log[i]);
            } else {
                stream.write(log, i, end - i);
            }
            i = end;
            if (!added && i >= addAt) {
                stream.addSecrets(later);
                known = patternsOf(concat(secrets, later));
                limit = Math.max(limit, Masker.of(later).longestPattern());
                added = true;
            }
            assertThat(stream.heldBack()).isLessThan(Math.max(1, limit));
            if (stream.heldBack() > 0 && random.nextInt(8) == 0) {
                // Only what may still become a secret is held back: the held bytes are part of some pattern.
                byte[] heldBytes = Arrays.copyOfRange(log, i - stream.heldBack(), i);
                assertThat(known).anyMatch(p -> indexOf(p, heldBytes) >= 0);
            }
            if (random.nextInt(8) == 0) {
                int before = sink.size();
                stream.flush();
                assertThat(sink.size())
                        .as("flush passes on what was already passed on")
                        .isEqualTo(before);
            }
        }
        stream.close();
        return sink.toByteArray();
    }

    private static int chunkSize(Random random, int remaining) {
        int size =
                switch (random.nextInt(4)) {
                    case 0 -> 1;
                    case 1 -> 1 + random.nextInt(16);
                    case 2 -> 1 + random.nextInt(256);
                    default -> 1 + random.nextInt(8192);
                };
        return Math.min(size, remaining);
    }

    static List<String> randomSecrets(Random random) {
        List<String> secrets = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int k = 0; k < count; k++) {
            if (!secrets.isEmpty() && random.nextInt(3) == 0) {
                // A secret that is a prefix, suffix, part or extension of another one.
                String other = secrets.get(random.nextInt(secrets.size()));
                String derived =
                        switch (random.nextInt(3)) {
                            case 0 -> other.substring(0, Math.max(8, other.length() - 1 - random.nextInt(4)));
                            case 1 -> other.substring(Math.min(other.length() - 8, 1 + random.nextInt(3)));
                            default -> other + randomString(random, 1 + random.nextInt(5));
                        };
                if (derived.getBytes(StandardCharsets.UTF_8).length >= MaskRules.MINIMUM_SECRET_BYTES) {
                    secrets.add(derived);
                    continue;
                }
            }
            int length =
                    switch (random.nextInt(4)) {
                        case 0 -> 8 + random.nextInt(4);
                        case 1 -> 20;
                        case 2 -> 40;
                        default -> 8 + random.nextInt(200);
                    };
            secrets.add(randomString(random, length));
        }
        return secrets;
    }

    private static String randomString(Random random, int length) {
        StringBuilder s = new StringBuilder();
        boolean plain = random.nextBoolean(); // half the secrets look like AWS keys: base64 characters only
        int alphabet = plain ? 67 : SECRET_CHARS.length();
        for (int k = 0; k < length; k++) {
            s.append(SECRET_CHARS.charAt(random.nextInt(alphabet)));
        }
        return s.toString();
    }

    static List<byte[]> patternsOf(List<String> secrets) {
        List<byte[]> patterns = new ArrayList<>();
        for (String secret : secrets) {
            patterns.addAll(SecretForms.of(secret));
        }
        return patterns;
    }

    /** Text of every kind a build log has, with occurrences and near misses of the patterns in it. */
    static byte[] randomLog(Random random, List<byte[]> patterns, int size) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        while (log.size() < size) {
            switch (random.nextInt(9)) {
                case 0 -> log.writeBytes(ascii("[INFO] Building module " + random.nextInt(1000) + "\n"));
                case 1 -> log.writeBytes("Größe: 12 € — 日本語のログ 😀\n".getBytes(StandardCharsets.UTF_8));
                case 2 -> log.writeBytes(consoleNote(random));
                case 3 -> log.writeBytes(ascii("\u001b[1;32mOK\u001b[0m \u001b[31mred\u001b[m "));
                case 4 -> log.writeBytes(ascii("GET https://s3.amazonaws.com/b/k?X-Amz-Credential=A%2FB%2f&x=1+2 "));
                case 5 -> log.writeBytes(patterns.get(random.nextInt(patterns.size())));
                case 6 -> {
                    byte[] p = patterns.get(random.nextInt(patterns.size()));
                    log.write(p, 0, 1 + random.nextInt(p.length - 1)); // a prefix that never completes
                }
                case 7 -> {
                    byte[] noise = new byte[1 + random.nextInt(40)];
                    random.nextBytes(noise);
                    log.writeBytes(noise);
                }
                default -> log.writeBytes(ascii("{\"key\":\"v\\/x\\u003d\",\"n\":" + random.nextInt() + "}\n"));
            }
        }
        return log.toByteArray();
    }

    static byte[] consoleNote(Random random) {
        byte[] payload = new byte[20 + random.nextInt(200)];
        random.nextBytes(payload);
        return ascii("\u001b[8mha:" + Base64.getEncoder().encodeToString(payload) + "\u001b[0m");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    static int indexOf(byte[] text, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= text.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (text[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
