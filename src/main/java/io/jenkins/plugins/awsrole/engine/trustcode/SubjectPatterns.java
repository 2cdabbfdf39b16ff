package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.trust.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns a mapping's job patterns into the IAM {@code StringLike} patterns a trust policy tests {@code sub} with, for
 * the default {@code sub} template {@value SubjectTemplate#DEFAULT_PATTERN}.
 *
 * <p>IAM's wildcards are coarser than the plugin's: IAM {@code *} matches any characters <em>including</em> {@code /},
 * and IAM {@code ?} matches any one character. So the translation is conservative, never narrower than the mapping:
 *
 * <ul>
 *   <li>{@code **} becomes {@code *} (the same set of names);
 *   <li>{@code *} becomes {@code *}: <strong>wider</strong>, since {@code team/*} in the plugin stays within one
 *       segment but {@code job:team/*:stage:x} in IAM also admits {@code team/app/main};
 *   <li>{@code ?} becomes {@code ?} (wider the same way: IAM's {@code ?} also matches {@code /});
 *   <li>{@code **}{@code /} as a whole segment also matches zero segments ({@code **}{@code /deploy} matches
 *       {@code deploy}), which no single IAM pattern expresses, so it yields two patterns: one without the segment
 *       and one with {@code *}{@code /};
 *   <li>{@code $} becomes {@code ${$}}, so that IAM does not read {@code ${...}} in a job name as a policy variable.
 * </ul>
 *
 * Where AWS is wider, the plugin's own decision still enforces the exact pattern before any token is minted: AWS is
 * the second lock, not the only one. Branch, change-request, fork and replay rules cannot be expressed in a
 * {@code sub} made from the default template at all; the plugin enforces them and AWS pins job and stage only.
 * A job name cannot contain {@code :} in Jenkins, so a {@code *} can never stretch over the {@code :stage:} part.
 */
public final class SubjectPatterns {

    private SubjectPatterns() {}

    /** The {@code sub} patterns for a stage: one or more for each job pattern, sorted, without duplicates. */
    public static List<String> forJobs(List<String> jobPatterns, String stage) {
        TreeSet<String> patterns = new TreeSet<>();
        for (String job : jobPatterns) {
            for (String translated : translate(job)) {
                patterns.add("job:" + translated + ":stage:" + stage);
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
        int i = 0;
        int n = jobPattern.length();
        while (i < n) {
            char c = jobPattern.charAt(i);
            boolean doubleStar = c == '*' && i + 1 < n && jobPattern.charAt(i + 1) == '*';
            boolean segmentStart = i == 0 || jobPattern.charAt(i - 1) == '/';
            if (doubleStar && segmentStart && i + 2 < n && jobPattern.charAt(i + 2) == '/') {
                // "**/" as whole segments: zero segments, or any number of them.
                List<StringBuilder> both = new ArrayList<>();
                for (StringBuilder v : variants) {
                    both.add(new StringBuilder(v));
                    both.add(new StringBuilder(v).append("*/"));
                }
                variants = both;
                i += 3;
            } else if (doubleStar) {
                append(variants, "*");
                i += 2;
            } else if (c == '*') {
                append(variants, "*");
                i++;
            } else if (c == '?') {
                append(variants, "?");
                i++;
            } else if (c == '$') {
                append(variants, "${$}");
                i++;
            } else {
                append(variants, String.valueOf(c));
                i++;
            }
        }
        TreeSet<String> out = new TreeSet<>();
        for (StringBuilder v : variants) {
            // "**/**" would give "**": IAM treats runs of '*' like one, but the policy reads better with one.
            out.add(v.toString().replaceAll("\\*+", "*"));
        }
        return List.copyOf(out);
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
