package io.jenkins.plugins.awsrole.engine.mask;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * An output stream that replaces secrets in the bytes written to it before passing them on; see {@link Masker} for
 * what is replaced.
 *
 * <p><strong>Bytes, not lines.</strong> The stream works on bytes and knows nothing of lines, so a secret is found
 * whether it is split across {@code write} calls or across lines, and a 100 MB line without a newline costs no more
 * memory than a short one.
 *
 * <p><strong>What is held back.</strong> After each {@code write}, every byte that can no longer belong to a secret has
 * been passed on. Only the bytes from the earliest position where a secret could still be starting are held back: at
 * most {@link Masker#longestPattern()} minus one bytes, and none at all while the end of the input does not look like
 * the beginning of a secret. {@link #flush()} passes on everything it may (which is everything but that possible partial
 * match) and flushes the next stream; {@link #close()} passes on everything, then closes it.
 *
 * <p><strong>Jenkins console notes</strong> ({@code ESC[8mha:}<i>base64</i>{@code ESC[0m}) get no special treatment,
 * on purpose: skipping them would let a secret printed inside something that looks like a note reach the log file. A
 * note is still never corrupted in practice. Its framing could only be touched by a secret that contains the ESC byte,
 * and its payload is base64 of compressed, MAC-signed data, in which a given secret of at least
 * {@link MaskRules#MINIMUM_SECRET_BYTES} base64 characters turns up with a chance of about 64<sup>-8</sup> per position.
 * A secret that sits right before or after a note is replaced without touching the note.
 *
 * <p><strong>Growing the set.</strong> {@link #addSecrets(Collection)} may be called from any thread while another one
 * writes. The new secrets apply to every byte written after the call returns, and to the bytes still held back.
 *
 * <p>Writing, flushing and closing are synchronized; the stream is not serializable (it holds secrets).
 */
public final class MaskingOutputStream extends FilterOutputStream {

    private final Object growthLock = new Object();
    private volatile Masker published;

    private Masker masker;
    private PatternAutomaton automaton;
    private byte[] replacement;
    private int state;
    private boolean closed;

    /** Bytes taken in so far. Positions below are absolute byte offsets in everything written to this stream. */
    private long position;
    /** Every byte before this position has been passed on, as itself or inside a replacement. */
    private long emitted;
    /** End of the last replacement passed on: an occurrence starting before it extends it rather than adding one. */
    private long openEnd;
    /** Occurrences found but not yet replaced, ordered and disjoint, each starting at or after {@link #emitted}. */
    private long[] pendingStart = new long[8];

    private long[] pendingEnd = new long[8];
    private int pendingCount;

    /** Held back bytes: positions {@code [heldBase, heldBase + heldLength)}; {@code heldBase == emitted}. */
    private byte[] held;

    private long heldBase;
    private int heldLength;

    /** The array being written and the position of its first byte, while a write is under way. */
    private byte[] current;

    private int currentOffset;
    private long currentBase;

    private final byte[] single = new byte[1];

    MaskingOutputStream(OutputStream out, Masker masker) {
        super(Objects.requireNonNull(out, "out"));
        this.published = masker;
        use(masker);
        this.held = new byte[Math.max(16, masker.longestPattern())];
    }

    /**
     * Adds secrets to mask from now on; safe to call while another thread writes.
     *
     * @param secrets the secrets to add
     * @throws IllegalArgumentException if one is shorter than {@link MaskRules#MINIMUM_SECRET_BYTES}; then none is
     *     added
     */
    public void addSecrets(Collection<String> secrets) {
        synchronized (growthLock) {
            // Compiled outside the write lock, so a writer never waits for a compilation.
            published = published.plus(secrets);
        }
    }

    /**
     * How many bytes are held back right now, waiting to see whether they are part of a secret.
     *
     * @return the number of bytes written but not passed on, at most {@link Masker#longestPattern()} minus one
     */
    public synchronized int heldBack() {
        return heldLength;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("This masking stream is closed.");
        }
        adoptNewSecrets();
        take(b, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (!closed) {
            adoptNewSecrets();
        }
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            adoptNewSecrets();
            current = null;
            currentBase = position;
            while (pendingCount > 0) {
                replaceFirstPending();
            }
            emitText(emitted, position);
            emitted = position;
            heldBase = position;
            heldLength = 0;
            state = 0;
        } finally {
            closed = true;
            super.close();
        }
    }

    private void use(Masker next) {
        masker = next;
        automaton = next.automaton();
        replacement = next.replacement();
    }

    /**
     * Switches to a grown masker. The held back bytes were scanned for the old secrets only, so they are scanned
     * again, as if written now; occurrences already found are found again and merge with themselves.
     */
    private void adoptNewSecrets() throws IOException {
        Masker next = published;
        if (next == masker) {
            return;
        }
        use(next);
        byte[] replay = Arrays.copyOf(held, heldLength);
        if (held.length < next.longestPattern()) {
            held = new byte[next.longestPattern()];
        }
        position = heldBase;
        heldLength = 0;
        pendingCount = 0;
        state = 0;
        take(replay, 0, replay.length);
    }

    private void take(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        current = b;
        currentOffset = off;
        currentBase = position;
        if (automaton.patternCount == 0) {
            out.write(b, off, len);
            position += len;
            emitted = position;
            heldBase = position;
        } else {
            scan(b, off, off + len);
            position = currentBase + len;
            settle(position - automaton.depth[state]);
            keepHeldBytes();
        }
        current = null; // do not keep the caller's array alive
    }

    /**
     * The hot loop. While the automaton is in its root state, it skips ahead with the Wu-Manber table; from a position
     * where a pattern may start it steps the automaton byte by byte until the root state comes back.
     */
    private void scan(byte[] b, int off, int end) throws IOException {
        final PatternAutomaton a = automaton;
        final byte[] shift = a.shift;
        final int[] dense = a.dense;
        final int denseCount = a.denseCount;
        final int last = a.window - 1;
        int s = state;
        int i = off;
        while (i < end) {
            if (s == 0) {
                // No pattern starts before i. Look at the last two bytes of the window [i, i + window).
                int j = skip(b, shift, i + last, end, last);
                // Either a pattern may start at i, or the window no longer fits: the automaton takes the rest.
                i = j - last;
            }
            do {
                int t = s < denseCount ? dense[(s << 8) | (b[i] & 0xff)] : a.step(s, b[i] & 0xff);
                i++;
                if (t < 0) {
                    t &= ~PatternAutomaton.MATCH;
                    found(currentBase + (i - off), t);
                }
                s = t;
            } while (s != 0 && i < end);
        }
        state = s;
    }

    /** The skip table's index for the two bytes ending at {@code j}; see {@link PatternAutomaton#gram(int, int)}. */
    private static int gram(byte[] b, int j) {
        return ((b[j - 1] & 0x7f) << 7) | (b[j] & 0x7f);
    }

    /**
     * The Wu-Manber skip loop: from the window ending at {@code j}, the end of the first window where a pattern may
     * start, or a position at or past {@code end}.
     */
    private static int skip(byte[] b, byte[] shift, int j, int end, int last) {
        int pairs = end - last;
        int twice = 2 * last;
        while (true) {
            // Nearly every window allows the longest skip. Adding the constant rather than the loaded value makes the
            // next address independent of the load: the CPU predicts the branch and fetches the next windows while
            // this one is still loading. Two windows a round halve the loop's own overhead.
            while (j < pairs && shift[gram(b, j)] == last && shift[gram(b, j + last)] == last) {
                j += twice;
            }
            if (j >= end) {
                return j;
            }
            int skip = shift[gram(b, j)];
            if (skip == 0) {
                return j;
            }
            j += skip;
        }
    }

    /** An occurrence, the longest one ending at {@code end}, was found; the automaton is now in {@code at}. */
    private void found(long end, int at) throws IOException {
        long start = end - automaton.longestMatch[at];
        if (start < openEnd) {
            // Overlaps the replacement already passed on, and therefore every pending occurrence after it.
            openEnd = end;
            emitted = end;
            pendingCount = 0;
        } else {
            while (pendingCount > 0 && pendingEnd[pendingCount - 1] > start) {
                pendingCount--;
                start = Math.min(start, pendingStart[pendingCount]);
            }
            if (pendingCount == pendingStart.length) {
                pendingStart = Arrays.copyOf(pendingStart, pendingCount * 2);
                pendingEnd = Arrays.copyOf(pendingEnd, pendingCount * 2);
            }
            pendingStart[pendingCount] = start;
            pendingEnd[pendingCount++] = end;
        }
        settle(end - automaton.depth[at]);
    }

    /**
     * Passes on everything before {@code liveStart}, the earliest position where an occurrence may still start.
     * Pending occurrences that start there or earlier can no longer grow to the left, so their replacement goes out.
     */
    private void settle(long liveStart) throws IOException {
        while (pendingCount > 0 && pendingStart[0] <= liveStart) {
            replaceFirstPending();
        }
        if (emitted < liveStart) {
            emitText(emitted, liveStart);
            emitted = liveStart;
        }
    }

    private void replaceFirstPending() throws IOException {
        emitText(emitted, pendingStart[0]);
        out.write(replacement);
        emitted = pendingEnd[0];
        openEnd = emitted;
        pendingCount--;
        System.arraycopy(pendingStart, 1, pendingStart, 0, pendingCount);
        System.arraycopy(pendingEnd, 1, pendingEnd, 0, pendingCount);
    }

    /** Passes on the bytes at positions {@code [from, to)}, from the held bytes and from the array being written. */
    private void emitText(long from, long to) throws IOException {
        if (from >= to) {
            return;
        }
        if (from < currentBase) {
            long heldTo = Math.min(to, currentBase);
            out.write(held, (int) (from - heldBase), (int) (heldTo - from));
            from = heldTo;
        }
        if (from < to) {
            out.write(current, currentOffset + (int) (from - currentBase), (int) (to - from));
        }
    }

    /** After a write: keeps the bytes not yet passed on, {@code [emitted, position)}. */
    private void keepHeldBytes() {
        int length = (int) (position - emitted);
        if (length > held.length) {
            held = Arrays.copyOf(held, Math.max(length, held.length * 2));
        }
        int kept = 0;
        if (emitted < currentBase) {
            kept = (int) (currentBase - emitted);
            System.arraycopy(held, (int) (emitted - heldBase), held, 0, kept);
        }
        long from = Math.max(emitted, currentBase);
        System.arraycopy(current, currentOffset + (int) (from - currentBase), held, kept, (int) (position - from));
        heldBase = emitted;
        heldLength = length;
    }
}
