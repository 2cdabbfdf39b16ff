package io.jenkins.plugins.awsrole.engine.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MaskingOutputStreamTest {

    private static final String KEY_ID = "ASIAXAMPLE7KEYID1234";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKE=";

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    @Test
    void aSecretSplitAcrossWritesIsMaskedAndHeldBackOnlyWhileItMayStillComplete() throws IOException {
        MaskingOutputStream stream = Masker.of(List.of(SECRET)).filter(sink);
        byte[] bytes = ("id=" + SECRET + " done").getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            stream.write(b);
        }
        stream.close();
        assertThat(text()).isEqualTo("id=**** done");
    }

    @Test
    void bytesThatCannotStartASecretAreNeverHeldBack() throws IOException {
        MaskingOutputStream stream = Masker.of(List.of(SECRET)).filter(sink);
        write(stream, "no secret here, not even its first letter?");
        assertThat(stream.heldBack()).isZero();
        assertThat(text()).isEqualTo("no secret here, not even its first letter?");
    }

    @Test
    void flushPassesOnEverythingButAPossiblePartialMatch() throws IOException {
        MaskingOutputStream stream = Masker.of(List.of(SECRET)).filter(sink);
        write(stream, "line one\nand then wJalrXUt");
        stream.flush();
        assertThat(text()).isEqualTo("line one\nand then ");
        assertThat(stream.heldBack()).isEqualTo("wJalrXUt".length());

        write(stream, "nFEMI/K7MDENG+bPxRfiCYEXAMPLEKE= ok");
        stream.flush();
        assertThat(text()).isEqualTo("line one\nand then **** ok");
        assertThat(stream.heldBack()).isZero();
    }

    @Test
    void closePassesOnAPartialMatchUnchanged() throws IOException {
        MaskingOutputStream stream = Masker.of(List.of(SECRET)).filter(sink);
        write(stream, "tail: wJalrXUtnFEMI/K7");
        stream.close();
        assertThat(text()).isEqualTo("tail: wJalrXUtnFEMI/K7");
        assertThatThrownBy(() -> stream.write('x')).isInstanceOf(IOException.class);
    }

    @Test
    void theLongestOfNestedSecretsWinsAndOverlapsAreMaskedOnce() {
        Masker masker = Masker.of(List.of("abcdefgh", "abcdefgh-and-more", "xxabcdef"));
        assertThat(masker.mask("1 abcdefgh-and-more 2")).isEqualTo("1 **** 2");
        assertThat(masker.mask("1 abcdefgh-and-mor 2")).isEqualTo("1 ****-and-mor 2");
        // "xxabcdef" and "abcdefgh" overlap in "xxabcdefgh": one stretch, one replacement.
        assertThat(masker.mask("1 xxabcdefgh 2")).isEqualTo("1 **** 2");
        // Touching occurrences are replaced one by one.
        assertThat(masker.mask("abcdefghabcdefgh")).isEqualTo("********");
    }

    @Test
    void aSecretInsideALongerCandidateIsMaskedWhenTheCandidateFails() throws IOException {
        // While "abcdefgh-and-mo" is held back as a possible "abcdefgh-and-more", "abcdefgh" inside it must survive
        // as a pending occurrence and be masked once the longer one fails.
        MaskingOutputStream stream =
                Masker.of(List.of("abcdefgh", "zzabcdefgh-and-more")).filter(sink);
        write(stream, "zzabcdefgh-and-mo");
        assertThat(text()).isEmpty();
        write(stream, "!");
        assertThat(text()).isEqualTo("zz****-and-mo!");
    }

    @Test
    void encodedFormsAreMasked() {
        Masker masker = Masker.of(List.of(SECRET, "p@ss word\"with\\stuff"));
        assertThat(masker.mask("a=wJalrXUtnFEMI%2FK7MDENG%2BbPxRfiCYEXAMPLEKE%3D&b"))
                .isEqualTo("a=****&b");
        assertThat(masker.mask("a=wJalrXUtnFEMI%2fK7MDENG%2bbPxRfiCYEXAMPLEKE%3d&b"))
                .isEqualTo("a=****&b");
        assertThat(masker.mask("/wJalrXUtnFEMI/K7MDENG%2BbPxRfiCYEXAMPLEKE%3D/"))
                .isEqualTo("/****/");
        assertThat(masker.mask("{\"k\":\"wJalrXUtnFEMI\\/K7MDENG+bPxRfiCYEXAMPLEKE=\"}"))
                .isEqualTo("{\"k\":\"****\"}");
        assertThat(masker.mask("{\"k\":\"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKE\\u003d\"}"))
                .isEqualTo("{\"k\":\"****\"}");
        assertThat(masker.mask("u=p%40ss+word%22with%5Cstuff")).isEqualTo("u=****");
        assertThat(masker.mask("\"p@ss word\\\"with\\\\stuff\"")).isEqualTo("\"****\"");
    }

    @Test
    void secretsAddedMidStreamApplyToHeldBackBytesAndToWhatFollows() throws IOException {
        MaskingOutputStream stream = Masker.of(List.of(SECRET)).filter(sink);
        write(stream, "before " + KEY_ID + " wJalrX");
        stream.addSecrets(List.of(KEY_ID, "wJalrXtoken-added-later"));
        write(stream, "token-added-later and " + KEY_ID + "\n");
        stream.close();
        // The first key id was passed on before the secret was known; the held-back start of the token was not.
        assertThat(text()).isEqualTo("before " + KEY_ID + " **** and ****\n");
    }

    @Test
    void secretsCanBeAddedFromAnotherThreadWhileWriting() throws Exception {
        MaskingOutputStream stream = Masker.of(List.of(SECRET)).filter(sink);
        CountDownLatch added = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 2000; i++) {
                    write(stream, "noise " + i + "\n");
                }
                added.await();
                write(stream, "now " + KEY_ID + "\n");
                stream.close();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.start();
        stream.addSecrets(List.of(KEY_ID));
        added.countDown();
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(text()).endsWith("noise 1999\nnow ****\n").doesNotContain(KEY_ID);
    }

    @Test
    void shortSecretsAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> Masker.of(List.of(SECRET, "1234567")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Secret 2 of 2 is 7 bytes long")
                .hasMessageContaining("NOT masked")
                .hasMessageNotContaining("1234567");
        // Bytes, not characters: four two-byte characters are enough, three are not.
        assertThat(Masker.of(List.of("éééé")).mask("x éééé y")).isEqualTo("x **** y");
        assertThatThrownBy(() -> Masker.of(List.of("ééé"))).hasMessageContaining("6 bytes long");
        MaskingOutputStream stream = Masker.of(List.of(SECRET)).filter(sink);
        assertThatThrownBy(() -> stream.addSecrets(List.of(KEY_ID, "short")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Secret 2 of 2 is 5 bytes long");
    }

    @Test
    void consoleNotesNextToSecretsPassThroughIntact() {
        String note = new String(MaskingPropertyTest.consoleNote(new Random(3)), StandardCharsets.US_ASCII);
        Masker masker = Masker.of(List.of(SECRET, KEY_ID));
        String log = SECRET + note + KEY_ID + "\n\u001b[32m" + note + SECRET + note + "\u001b[0m";
        assertThat(masker.mask(log)).isEqualTo("****" + note + "****\n\u001b[32m" + note + "****" + note + "\u001b[0m");
    }

    @Test
    void nonAsciiSecretsMatchAsUtf8Only() {
        Masker masker = Masker.of(List.of("pässwörd-日本"));
        assertThat(masker.mask("x pässwörd-日本 y")).isEqualTo("x **** y");
        assertThat(masker.mask("{\"p\":\"p\\u00e4ssw\\u00f6rd-\\u65e5\\u672c\"}"))
                .isEqualTo("{\"p\":\"****\"}");
        byte[] latin1 = "x pässwörd y".getBytes(StandardCharsets.ISO_8859_1);
        Masker latinSecret = Masker.of(List.of("pässwörd"));
        assertThat(latinSecret.mask(latin1))
                .as("a log in ISO-8859-1 does not match")
                .isEqualTo(latin1);
    }

    @Test
    void aHundredMegabyteLineHoldsBackLessThanTheLongestPattern() throws IOException {
        String token = "IQoJb3JpZ2luX2VjE" + "A".repeat(600);
        Masker masker = Masker.of(List.of(KEY_ID, SECRET, token));
        CountingSink counting = new CountingSink();
        MaskingOutputStream stream = masker.filter(counting);
        byte[] chunk = new byte[64 * 1024];
        Random random = new Random(5);
        long written = 0;
        int maxHeld = 0;
        while (written < 100L * 1024 * 1024) {
            fillWithoutNewline(chunk, random, token);
            stream.write(chunk);
            written += chunk.length;
            maxHeld = Math.max(maxHeld, stream.heldBack());
            assertThat(stream.heldBack()).isLessThan(masker.longestPattern());
            assertThat(counting.count).isGreaterThanOrEqualTo(written - stream.heldBack());
        }
        stream.close();
        assertThat(counting.count).isEqualTo(written);
        assertThat(maxHeld).as("long prefixes of the token were held back").isGreaterThan(100);
    }

    @Test
    void sparseDeepStatesBehaveLikeDenseOnes() {
        // 50 long secrets: far more states than get a dense transition row.
        Random random = new Random(9);
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            StringBuilder s = new StringBuilder("IQoJ");
            for (int k = 0; k < 300; k++) {
                s.append("AB+/=x".charAt(random.nextInt(6)));
            }
            secrets.add(s.toString());
        }
        Masker masker = Masker.of(secrets);
        assertThat(masker.automaton().stateCount()).isGreaterThan(masker.automaton().denseCount);
        List<byte[]> patterns = MaskingPropertyTest.patternsOf(secrets);
        byte[] log = MaskingPropertyTest.randomLog(random, patterns, 200_000);
        assertThat(masker.mask(log))
                .isEqualTo(ReferenceMasker.mask(log, patterns, "****".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void withoutSecretsEverythingPassesAtOnce() throws IOException {
        MaskingOutputStream stream = Masker.of(List.of()).filter(sink);
        write(stream, "anything");
        assertThat(text()).isEqualTo("anything");
        stream.addSecrets(List.of(SECRET));
        write(stream, " " + SECRET);
        stream.close();
        assertThat(text()).isEqualTo("anything ****");
    }

    /** Base64-like text with long prefixes of the token now and then, but never the whole token. */
    private static void fillWithoutNewline(byte[] chunk, Random random, String token) {
        byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ ".getBytes();
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = alphabet[random.nextInt(alphabet.length)];
        }
        byte[] prefix =
                token.substring(0, 300 + random.nextInt(token.length() - 301)).getBytes();
        System.arraycopy(prefix, 0, chunk, random.nextInt(chunk.length - prefix.length), prefix.length);
        Arrays.fill(chunk, chunk.length - 200, chunk.length, (byte) 'A');
        System.arraycopy(prefix, 0, chunk, chunk.length - 200, 17);
    }

    private void write(OutputStream stream, String s) throws IOException {
        stream.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private String text() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
