package io.jenkins.plugins.awsrole.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The baseline: a re-implementation of how the credentials-binding plugin masks (see ANCHORS.md), written from its
 * description, not copied.
 *
 * <ul>
 *   <li>One regex for all secrets: for each secret its encoded forms (literal; base64 standard and URL-safe at three
 *       byte offsets; Bourne shell and Windows batch quoting; {@code $} doubled), forms shorter than 3 characters
 *       dropped, longest first, each quoted, all joined into one alternation.
 *   <li>The stream is cut into lines the way Jenkins' {@code LineTransformationOutputStream} does it: byte by byte
 *       into a growable buffer whose {@code write(int)} is synchronized ({@code ByteArrayOutputStream}); at each
 *       newline the line is decoded with the build's charset, and if the pattern is found anywhere,
 *       {@code replaceAll("****")} runs and the line is encoded again, otherwise the original bytes are written.
 * </ul>
 */
final class LineRegexMasker extends OutputStream {

    private static final int LF = '\n';

    private final OutputStream out;
    private final Pattern pattern;
    private final Charset charset;
    private final LineBuffer line = new LineBuffer();

    LineRegexMasker(OutputStream out, Pattern pattern, Charset charset) {
        this.out = out;
        this.pattern = pattern;
        this.charset = charset;
    }

    static Pattern aggregatePattern(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            forms.add(secret);
            forms.addAll(base64Forms(secret));
            forms.add(bourneShellQuoted(secret));
            forms.add(batchQuoted(secret));
            forms.add(secret.replace("$", "$$"));
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.removeIf(f -> f.length() < 3);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return Pattern.compile(sorted.stream().map(Pattern::quote).collect(Collectors.joining("|")));
    }

    /** Base64 of the secret after 0, 1 and 2 other bytes, without the characters that depend on those bytes. */
    private static List<String> base64Forms(String secret) {
        List<String> forms = new ArrayList<>();
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            for (int shift = 0; shift < 3; shift++) {
                byte[] shifted = new byte[shift + bytes.length];
                System.arraycopy(bytes, 0, shifted, shift, bytes.length);
                String encoded = encoder.encodeToString(shifted);
                int lead = shift == 0 ? 0 : shift + 1; // characters that also carry bits of the bytes before
                int total = shifted.length;
                int tail = total % 3 == 0 ? 0 : 4 - (total % 3) + 1; // padding and the character it touches
                if (encoded.length() - tail > lead) {
                    forms.add(encoded.substring(lead, encoded.length() - tail));
                }
            }
        }
        return forms;
    }

    private static String bourneShellQuoted(String secret) {
        StringBuilder s = new StringBuilder();
        for (char c : secret.toCharArray()) {
            if ("\\$`\"' \t|&;<>()*?[]#~=%".indexOf(c) >= 0) {
                s.append('\\');
            }
            s.append(c);
        }
        return s.toString();
    }

    private static String batchQuoted(String secret) {
        StringBuilder s = new StringBuilder();
        for (char c : secret.toCharArray()) {
            if ("^&<>|".indexOf(c) >= 0) {
                s.append('^');
            } else if (c == '%') {
                s.append('%');
            }
            s.append(c);
        }
        return s.toString();
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == LF) {
            eol();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        for (int i = off; i < end; i++) {
            write(b[i]);
        }
    }

    private void eol() throws IOException {
        byte[] bytes = line.buffer();
        int len = line.size();
        Matcher m = pattern.matcher(new String(bytes, 0, len, charset));
        if (m.find()) {
            out.write(m.replaceAll("****").getBytes(charset));
        } else {
            out.write(bytes, 0, len);
        }
        line.reset();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (line.size() > 0) {
            eol();
        }
        out.close();
    }

    /** Jenkins' {@code ByteArrayOutputStream2}: a {@code ByteArrayOutputStream} that lends its buffer. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        byte[] buffer() {
            return buf;
        }
    }
}
