package io.jenkins.plugins.awsrole.engine.trust;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Several {@link Glob}s, compiled once; a name matches the set when it matches any of them. An empty set matches
 * nothing: callers decide what an empty list means for their field.
 */
public final class GlobSet {

    private final List<Glob> globs;

    private GlobSet(List<Glob> globs) {
        this.globs = Collections.unmodifiableList(globs);
    }

    /**
     * Compiles every pattern.
     *
     * @throws IllegalArgumentException naming the first pattern that {@link Glob#problem(String)} refuses
     */
    public static GlobSet compile(List<String> patterns) {
        List<Glob> globs = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            globs.add(Glob.compile(pattern));
        }
        return new GlobSet(globs);
    }

    /** Whether any pattern matches the whole name. */
    public boolean matchesAny(String name) {
        for (Glob glob : globs) {
            if (glob.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether there are no patterns. */
    public boolean isEmpty() {
        return globs.isEmpty();
    }

    /** The patterns, in order, as written. */
    public List<String> patterns() {
        List<String> patterns = new ArrayList<>(globs.size());
        for (Glob glob : globs) {
            patterns.add(glob.pattern());
        }
        return patterns;
    }

    @Override
    public String toString() {
        return patterns().toString();
    }

    /**
     * Splits the text of a multi-line form field into patterns: one a line, surrounding spaces removed, blank lines
     * skipped. Commas are not separators, since they may appear in names.
     */
    public static List<String> splitLines(String text) {
        List<String> patterns = new ArrayList<>();
        if (text == null) {
            return patterns;
        }
        for (String line : text.split("\\R")) {
            String pattern = line.strip();
            if (!pattern.isEmpty()) {
                patterns.add(pattern);
            }
        }
        return patterns;
    }
}
