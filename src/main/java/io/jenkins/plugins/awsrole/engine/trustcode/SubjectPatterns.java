package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.oidc.SubjectEncoding;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.trust.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns a mapping's job patterns into the IAM {@code StringLike} patterns a trust policy tests {@code sub} with, for
 * the default {@code sub} template {@value SubjectTemplate#DEFAULT_PATTERN}.
 *
 * <p>The literal parts of a pattern are written exactly as {@code sub} writes a job's name ({@link SubjectEncoding}:
 * {@code team/app/feature%2Flogin} becomes {@code team/app/feature=252Flogin}), and only the pattern's own wildcards
 * become IAM wildcards. IAM's wildcards are coarser than the plugin's: IAM {@code *} matches any characters
 * <em>including</em> {@code /}, and IAM {@code ?} matches exactly one character, where one character of a name may take
 * up to 12 once encoded. So the translation is conservative, never narrower than the mapping:
 *
 * <ul>
 *   <li>{@code **} becomes {@code *} (the same set of names);
 *   <li>{@code *} becomes {@code *}: <strong>wider</strong>, since {@code team/*} in the plugin stays within one
 *       segment but {@code job:team/*:stage:x} in IAM also admits {@code team/app/main};
 *   <li>{@code ?} becomes {@code *}: wider, since IAM's {@code ?} could not match an encoded character
 *       ({@code =C3=A9} for {@code é}) and also matches {@code /};
 *   <li>{@code **}{@code /} as a whole segment also matches zero segments ({@code **}{@code /deploy} matches
 *       {@code deploy}), which no single IAM pattern expresses, so it yields two patterns: one without the segment
 *       and one with {@code *}{@code /}.
 * </ul>
 *
 * Where AWS is wider, the plugin's own decision still enforces the exact pattern before any token is minted: AWS is
 * the second lock, not the only one. Branch, change-request, fork and replay rules cannot be expressed in a
 * {@code sub} made from the default template at all; the plugin enforces them and AWS pins job and stage only. An
 * encoded name holds no {@code :}, {@code *}, {@code ?} or {@code $}, so a {@code *} can never stretch over the
 * {@code :stage:} part, no job name can read as a wildcard, and IAM never sees a policy variable.
 */
public final class SubjectPatterns {

    private SubjectPatterns() {}

    /** The {@code sub} patterns for a stage: one or more for each job pattern, sorted, without duplicates. */
    public static List<String> forJobs(List<String> jobPatterns, String stage) {
        TreeSet<String> patterns = new TreeSet<>();
        for (String job : jobPatterns) {
            for (String translated : translate(job)) {
                patterns.add("job:" + translated + ":stage:" + SubjectEncoding.encode(stage));
            }
        }
        return List.copyOf(patterns);
    }

    /**
     * The IAM patterns for one job pattern (see the class description).
     *
     * @throws IllegalArgumentException when the plugin itself would refuse the pattern
     */
    static List<String> translate(String jobPattern) {
        String problem = Glob.problem(jobPattern);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        List<StringBuilder> variants = new ArrayList<>();
        variants.add(new StringBuilder());
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int n = jobPattern.length();
        while (i < n) {
            char c = jobPattern.charAt(i);
            boolean doubleStar = c == '*' && i + 1 < n && jobPattern.charAt(i + 1) == '*';
            boolean segmentStart = i == 0 || jobPattern.charAt(i - 1) == '/';
            if (doubleStar && segmentStart && i + 2 < n && jobPattern.charAt(i + 2) == '/') {
                // "**/" as whole segments: zero segments, or any number of them.
                flush(literal, variants);
                List<StringBuilder> both = new ArrayList<>();
                for (StringBuilder v : variants) {
                    both.add(new StringBuilder(v));
                    both.add(new StringBuilder(v).append("*/"));
                }
                variants = both;
                i += 3;
            } else if (doubleStar) {
                flush(literal, variants);
                append(variants, "*");
                i += 2;
            } else if (c == '*' || c == '?') {
                flush(literal, variants);
                append(variants, "*");
                i++;
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, variants);
        TreeSet<String> out = new TreeSet<>();
        for (StringBuilder v : variants) {
            // "**/**" would give "**": IAM treats runs of '*' like one, but the policy reads better with one.
            out.add(v.toString().replaceAll("\\*+", "*"));
        }
        return List.copyOf(out);
    }

    /** Writes the literal text gathered so far, encoded as a whole (a character may span two {@code char}s). */
    private static void flush(StringBuilder literal, List<StringBuilder> variants) {
        if (!literal.isEmpty()) {
            append(variants, SubjectEncoding.encode(literal.toString()));
            literal.setLength(0);
        }
    }

    private static void append(List<StringBuilder> variants, String text) {
        for (StringBuilder v : variants) {
            v.append(text);
        }
    }

    /** Whether a job pattern is translated to something AWS matches more widely than the plugin does. */
    public static boolean widenedByIam(String jobPattern) {
        // '*' within a segment and '?' both cross '/' in IAM; '**' alone does not widen anything.
        return jobPattern.replace("**", "").contains("*") || jobPattern.contains("?");
    }
}
