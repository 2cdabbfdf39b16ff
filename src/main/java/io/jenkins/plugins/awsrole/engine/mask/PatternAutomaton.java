package io.jenkins.plugins.awsrole.engine.mask;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The compiled search structure of a {@link Masker}: an Aho-Corasick automaton over bytes plus a Wu-Manber skip table.
 *
 * <p>Most of a log contains no secret, so the scanner spends its time in the skip loop: it looks at the last two bytes
 * of a window as long as the shortest pattern and, when no pattern has those two bytes anywhere in its first
 * {@link #window} bytes, jumps a whole window ahead without looking at the bytes in between. Only where the skip table
 * says a pattern might start does the automaton run, byte by byte, until it is back in its root state.
 *
 * <p>The automaton's states are numbered breadth first, so the shallow states, where the automaton spends nearly all
 * of its time, come first. Their transitions form a dense table ({@code 256} ints a state, the sign bit set when the
 * target state ends a pattern). Deep states, reached only while a long prefix of a secret is actually in the log, keep
 * their trie children and failure link instead, which keeps memory linear in the total pattern length.
 */
final class PatternAutomaton {

    /** Set on a transition whose target state ends at least one pattern. */
    static final int MATCH = Integer.MIN_VALUE;

    /** States with a dense transition row; 1024 rows take 1 MiB. */
    private static final int DENSE_STATE_LIMIT = 1024;

    /** Longest skip window; it keeps skips within a byte. */
    private static final int MAX_WINDOW = 64;

    final int window;
    final byte[] shift;
    final int[] dense;
    final int denseCount;
    final int[] depth;
    final int[] longestMatch;
    final int maxLength;
    final int patternCount;
    private final int[] fail;
    private final int[] childStart;
    private final byte[] childByte;
    private final int[] childTarget;

    private PatternAutomaton(Trie trie, int patternCount, int minLength, int maxLength) {
        this.patternCount = patternCount;
        this.maxLength = maxLength;
        int n = trie.size;
        // Breadth-first renumbering: every state's failure target then has a smaller number than the state itself.
        int[] order = new int[n];
        int[] newId = new int[n];
        int head = 0;
        int tail = 0;
        order[tail++] = 0;
        while (head < tail) {
            int u = order[head++];
            for (int c = trie.firstChild[u]; c >= 0; c = trie.nextSibling[c]) {
                newId[c] = tail;
                order[tail++] = c;
            }
        }
        depth = new int[n];
        longestMatch = new int[n];
        fail = new int[n];
        childStart = new int[n + 1];
        childByte = new byte[Math.max(0, n - 1)];
        childTarget = new int[Math.max(0, n - 1)];
        int edges = 0;
        for (int id = 0; id < n; id++) {
            int u = order[id];
            childStart[id] = edges;
            depth[id] = trie.depth[u];
            for (int c = trie.firstChild[u]; c >= 0; c = trie.nextSibling[c]) {
                childByte[edges] = trie.label[c];
                childTarget[edges++] = newId[c];
            }
        }
        childStart[n] = edges;
        for (int id = 1; id < n; id++) {
            // Parent of id: id's trie parent, renumbered; failure links computed in breadth-first order.
            int u = order[id];
            int parent = newId[trie.parent[u]];
            int label = trie.label[u] & 0xff;
            int f = parent == 0 ? -1 : fail[parent];
            int target = 0;
            while (f >= 0) {
                int c = child(f, label);
                if (c >= 0) {
                    target = c;
                    break;
                }
                f = f == 0 ? -1 : fail[f];
            }
            fail[id] = target;
            longestMatch[id] = trie.terminal[u] ? depth[id] : longestMatch[target];
        }
        denseCount = Math.min(n, DENSE_STATE_LIMIT);
        dense = new int[denseCount << 8];
        for (int id = 0; id < denseCount; id++) {
            if (id > 0) {
                System.arraycopy(dense, fail[id] << 8, dense, id << 8, 256);
            }
            for (int e = childStart[id]; e < childStart[id + 1]; e++) {
                dense[(id << 8) | (childByte[e] & 0xff)] = tagged(childTarget[e]);
            }
        }
        window = Math.min(minLength, MAX_WINDOW);
        shift = new byte[1 << 14];
        Arrays.fill(shift, (byte) (window - 1));
        for (byte[] p : trie.patterns) {
            for (int j = 0; j + 1 < window; j++) {
                int gram = gram(p[j], p[j + 1]);
                shift[gram] = (byte) Math.min(shift[gram], window - 2 - j);
            }
        }
    }

    /**
     * The skip table's index for two bytes: seven bits of each, so that the table (16 KiB) stays in the CPU's fastest
     * cache. ASCII pairs keep their own entry; a byte with the top bit set shares one with an ASCII byte, which can
     * only make a skip shorter, never skip a match.
     */
    static int gram(int first, int second) {
        return ((first & 0x7f) << 7) | (second & 0x7f);
    }

    /** Compiles patterns, each at least two bytes long; duplicates are allowed. */
    static PatternAutomaton compile(List<byte[]> patterns) {
        Trie trie = new Trie();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (byte[] p : patterns) {
            if (p.length < 2) {
                throw new IllegalArgumentException("Patterns must be at least two bytes long.");
            }
            trie.insert(p);
            min = Math.min(min, p.length);
            max = Math.max(max, p.length);
        }
        return new PatternAutomaton(trie, patterns.size(), patterns.isEmpty() ? 2 : min, max);
    }

    /** The transition from {@code state} on byte {@code b} ({@code 0..255}), tagged with {@link #MATCH}. */
    int step(int state, int b) {
        int s = state;
        while (s >= denseCount) {
            int c = child(s, b);
            if (c >= 0) {
                return tagged(c);
            }
            s = fail[s];
        }
        return dense[(s << 8) | b];
    }

    private int tagged(int state) {
        return longestMatch[state] > 0 ? state | MATCH : state;
    }

    private int child(int state, int b) {
        for (int e = childStart[state]; e < childStart[state + 1]; e++) {
            if ((childByte[e] & 0xff) == b) {
                return childTarget[e];
            }
        }
        return -1;
    }

    int stateCount() {
        return depth.length;
    }

    /** A byte trie with first-child/next-sibling lists: compact while it is built, discarded afterwards. */
    private static final class Trie {
        int size = 1;
        int[] firstChild = {-1};
        int[] nextSibling = {-1};
        int[] parent = {-1};
        int[] depth = {0};
        byte[] label = {0};
        boolean[] terminal = {false};
        final ArrayDeque<byte[]> patterns = new ArrayDeque<>();

        void insert(byte[] pattern) {
            patterns.add(pattern);
            int node = 0;
            for (byte b : pattern) {
                int c = firstChild[node];
                while (c >= 0 && label[c] != b) {
                    c = nextSibling[c];
                }
                if (c < 0) {
                    c = newNode(node, b);
                }
                node = c;
            }
            terminal[node] = true;
        }

        private int newNode(int parentNode, byte b) {
            if (size == firstChild.length) {
                int capacity = size * 2;
                firstChild = Arrays.copyOf(firstChild, capacity);
                nextSibling = Arrays.copyOf(nextSibling, capacity);
                parent = Arrays.copyOf(parent, capacity);
                depth = Arrays.copyOf(depth, capacity);
                label = Arrays.copyOf(label, capacity);
                terminal = Arrays.copyOf(terminal, capacity);
            }
            int id = size++;
            firstChild[id] = -1;
            label[id] = b;
            parent[id] = parentNode;
            depth[id] = depth[parentNode] + 1;
            nextSibling[id] = firstChild[parentNode];
            firstChild[parentNode] = id;
            return id;
        }
    }
}
