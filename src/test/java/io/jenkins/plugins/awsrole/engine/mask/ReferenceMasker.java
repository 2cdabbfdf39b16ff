package io.jenkins.plugins.awsrole.engine.mask;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The obvious, slow definition of masking that the streaming masker must agree with: find every occurrence of every
 * pattern anywhere, merge occurrences that overlap, replace each merged stretch once.
 */
final class ReferenceMasker {

    private ReferenceMasker() {}

    static byte[] mask(byte[] text, List<byte[]> patterns, byte[] replacement) {
        List<long[]> occurrences = new ArrayList<>();
        for (byte[] p : patterns) {
            for (int i = 0; i + p.length <= text.length; i++) {
                if (Arrays.equals(text, i, i + p.length, p, 0, p.length)) {
                    occurrences.add(new long[] {i, i + p.length});
                }
            }
        }
        occurrences.sort(Comparator.comparingLong((long[] o) -> o[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int written = 0;
        int k = 0;
        while (k < occurrences.size()) {
            long start = occurrences.get(k)[0];
            long end = occurrences.get(k)[1];
            k++;
            while (k < occurrences.size() && occurrences.get(k)[0] < end) {
                end = Math.max(end, occurrences.get(k)[1]);
                k++;
            }
            out.write(text, written, (int) start - written);
            out.writeBytes(replacement);
            written = (int) end;
        }
        out.write(text, written, text.length - written);
        return out.toByteArray();
    }
}
