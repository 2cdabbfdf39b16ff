package io.jenkins.plugins.awsrole.engine.trust;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One compiled name pattern, for job full names ({@code team/app/main}) and branch names ({@code feature/login}).
 *
 * <p>The syntax is the one GitHub Actions uses for branch filters, so it reads the same to most users:
 *
 * <ul>
 *   <li>{@code *} matches any characters except {@code /}: it stays within one path segment;
 *   <li>{@code **} matches any characters including {@code /}; as a whole segment, {@code **}{@code /} at the start or
 *       {@code /}{@code **}{@code /} in the middle also matches zero segments ({@code **}{@code /x} matches {@code x},
 *       {@code a/}{@code **}{@code /b} matches {@code a/b}); a trailing {@code /}{@code **} matches everything inside,
 *       not the folder itself;
 *   <li>{@code ?} matches one character except {@code /};
 *   <li>every other character is literal ({@code .}, {@code +}, {@code (}, {@code %} included). There is no escape:
 *       Jenkins item names and git branch names cannot contain {@code *} or {@code ?}.
 * </ul>
 *
 * <p>Matching is case-sensitive, like Jenkins item lookup and git. A pattern is compiled once; {@link #matches} is a
 * precompiled regular expression match. Use {@link #problem(String)} to explain why a pattern is refused.
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /**
     * Compiles a pattern.
     *
     * @throws IllegalArgumentException with a message saying what to fix, when {@link #problem(String)} finds one
     */
    public static Glob compile(String pattern) {
        String problem = problem(pattern);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Glob(pattern, Pattern.compile(toRegex(pattern)));
    }

    /**
     * Why a pattern cannot be used, or {@code null} when it can.
     *
     * <p>Refused: blank patterns, surrounding spaces, a leading or trailing {@code /}, an empty segment ({@code //}),
     * and three or more {@code *} in a row (ambiguous: write {@code *} or {@code **}).
     */
    public static String problem(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "A pattern must not be empty. Remove the empty entry, or write ** to mean everything.";
        }
        if (!pattern.strip().equals(pattern)) {
            return "Pattern '" + pattern + "' starts or ends with a space. Remove the space.";
        }
        if (pattern.startsWith("/") || pattern.endsWith("/")) {
            return "Pattern '" + pattern + "' starts or ends with '/'. Names never do: write '" + trimSlashes(pattern)
                    + "'.";
        }
        if (pattern.contains("//")) {
            return "Pattern '" + pattern + "' has an empty segment ('//'). Write a single '/'.";
        }
        if (pattern.contains("***")) {
            return "Pattern '" + pattern + "' has three or more '*' in a row. Write '*' (within one segment) or '**'"
                    + " (across segments).";
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isISOControl(c)) {
                return "Pattern '" + pattern.strip() + "' contains a control character (code " + (int) c
                        + "). Remove it.";
            }
        }
        return null;
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** Whether the whole name matches this pattern. */
    public boolean matches(String name) {
        return name != null && regex.matcher(name).matches();
    }

    /** Whether this pattern matches every name ({@code **}). */
    public boolean matchesEverything() {
        return pattern.equals("**");
    }

    private static String trimSlashes(String pattern) {
        int from = 0;
        int to = pattern.length();
        while (from < to && pattern.charAt(from) == '/') {
            from++;
        }
        while (to > from && pattern.charAt(to - 1) == '/') {
            to--;
        }
        return pattern.substring(from, to);
    }

    private static String toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            boolean doubleStar = c == '*' && i + 1 < n && pattern.charAt(i + 1) == '*';
            if (doubleStar) {
                boolean segmentStart = i == 0 || pattern.charAt(i - 1) == '/';
                boolean followedBySlash = i + 2 < n && pattern.charAt(i + 2) == '/';
                boolean atEnd = i + 2 == n;
                if (segmentStart && followedBySlash) {
                    // "**/" as whole segments: zero or more complete segments.
                    flush(literal, regex);
                    regex.append("(?:.*/)?");
                    i += 3;
                    continue;
                }
                if (segmentStart && atEnd && i > 0) {
                    // trailing "/**": the slash is already in the literal; require at least one character inside.
                    flush(literal, regex);
                    regex.append(".+");
                    i += 2;
                    continue;
                }
                flush(literal, regex);
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                flush(literal, regex);
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                flush(literal, regex);
                regex.append("[^/]");
                i++;
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, regex);
        return regex.toString();
    }

    private static void flush(StringBuilder literal, StringBuilder regex) {
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob other && pattern.equals(other.pattern);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pattern);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
