package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.oidc.SubjectEncoding;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.Glob;
import io.jenkins.plugins.awsrole.engine.trust.RefType;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a mapping's patterns into the IAM {@code StringLike} patterns a trust policy tests {@code sub} with, for the
 * configured {@code sub} template ({@link #forMapping}): its job patterns always, and its branch and tag patterns, its
 * change request and replay switches when the template names the fields that carry them.
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
 * the second lock, not the only one. Rules on what the template leaves out (with the default template: branches, tags,
 * change requests and replays; forks always) cannot be expressed in {@code sub} at all; the plugin enforces them. An
 * encoded name holds no {@code :}, {@code *}, {@code ?} or {@code $}, so a {@code *} can never stretch over the
 * {@code :stage:} part, no job name can read as a wildcard, and IAM never sees a policy variable.
 */
public final class SubjectPatterns {

    private SubjectPatterns() {}

    /**
     * The {@code sub} patterns for a stage under the default template: one or more for each job pattern, sorted,
     * without duplicates.
     */
    public static List<String> forJobs(List<String> jobPatterns, String stage) {
        return forMapping(TrustMapping.builder().stage(stage).jobs(jobPatterns).build(), SubjectTemplate.DEFAULT);
    }

    /**
     * The {@code sub} patterns of every build the mapping admits, for a template: sorted, without duplicates. Each
     * kind of build the mapping admits gets its own patterns, with each field of the template written as that kind
     * has it:
     *
     * <ul>
     *   <li>a job outside a multibranch project (only when no branches are listed): {@code ref_type}, {@code branch}
     *       and {@code tag} empty;
     *   <li>a branch build, and a change request build when change requests are allowed: {@code ref_type} {@code
     *       branch} or {@code change_request}, {@code branch} each branch pattern (or {@code *} when none is listed),
     *       {@code tag} empty;
     *   <li>a tag build, when tags are listed: {@code ref_type} {@code tag}, {@code branch} empty, {@code tag} each tag
     *       pattern;
     *   <li>{@code replay} {@code false}, or {@code *} when replays are allowed; {@code folder} the job's own folder
     *       when the job pattern has no wildcard, else {@code *} (the job already pins it).
     * </ul>
     *
     * Fields the template leaves out are left out, so kinds it cannot tell apart give the same pattern. Branch and tag
     * patterns are translated like job patterns (see the class description). Every build the mapping admits matches a
     * pattern; the wildcards never stretch over a {@code :}, since every {@code sub} of the issuer has the template's
     * fields and an encoded value has no {@code :}.
     *
     * @throws IllegalArgumentException when a pattern of the mapping is one the plugin itself refuses
     */
    public static List<String> forMapping(TrustMapping mapping, SubjectTemplate template) {
        TreeSet<String> patterns = new TreeSet<>();
        String stage = SubjectEncoding.encode(mapping.stage());
        List<String> replays = mapping.replaysAllowed() ? List.of("*") : List.of("false");
        for (String jobPattern : mapping.jobPatternsFromRoot()) {
            List<String> jobs = translate(jobPattern);
            for (Kind kind : kinds(mapping)) {
                Map<String, List<String>> values = new LinkedHashMap<>();
                values.put("job", jobs);
                values.put("folder", List.of(folder(jobPattern, kind)));
                values.put("stage", List.of(stage));
                values.put("ref_type", List.of(kind.refType));
                values.put("branch", kind.branches);
                values.put("tag", kind.tags);
                values.put("replay", replays);
                List<StringBuilder> rendered = new ArrayList<>();
                rendered.add(new StringBuilder());
                for (String field : template.fields()) {
                    List<StringBuilder> next = new ArrayList<>();
                    for (StringBuilder prefix : rendered) {
                        for (String value : values.get(field)) {
                            next.add(new StringBuilder(prefix)
                                    .append(prefix.isEmpty() ? "" : ":")
                                    .append(field)
                                    .append(':')
                                    .append(value));
                        }
                    }
                    rendered = next;
                }
                // IAM treats runs of '*' like one ("feature/*" and "*" side by side): the policy reads better with one.
                rendered.forEach(p -> patterns.add(p.toString().replaceAll("\\*+", "*")));
            }
        }
        return List.copyOf(patterns);
    }

    /** One kind of build a mapping admits: how it writes {@code ref_type}, and its branch and tag patterns. */
    private record Kind(String refType, List<String> branches, List<String> tags, boolean multibranch) {}

    private static List<Kind> kinds(TrustMapping mapping) {
        List<Kind> kinds = new ArrayList<>();
        List<String> none = List.of("");
        List<String> branches = mapping.branches().isEmpty() ? List.of("*") : translateAll(mapping.branches());
        if (mapping.branches().isEmpty()) {
            kinds.add(new Kind("", none, none, false));
        }
        kinds.add(new Kind(RefType.BRANCH.claimValue(), branches, none, true));
        if (mapping.changeRequestsAllowed()) {
            kinds.add(new Kind(RefType.CHANGE_REQUEST.claimValue(), branches, none, true));
        }
        if (!mapping.tags().isEmpty()) {
            kinds.add(new Kind(RefType.TAG.claimValue(), none, translateAll(mapping.tags()), true));
        }
        return kinds;
    }

    private static List<String> translateAll(List<String> patterns) {
        TreeSet<String> out = new TreeSet<>();
        patterns.forEach(p -> out.addAll(translate(p)));
        return List.copyOf(out);
    }

    /** The folder of the jobs a pattern matches, as {@code sub} writes it, when the pattern names one job; else *. */
    private static String folder(String jobPattern, Kind kind) {
        if (jobPattern.contains("*") || jobPattern.contains("?")) {
            return "*";
        }
        BuildIdentity sample = kind.multibranch
                ? new BuildIdentity(jobPattern, 1, null, "x", null, false, false)
                : BuildIdentity.ofJob(jobPattern, 1, null);
        String folder = sample.folder();
        return folder == null ? "" : SubjectEncoding.encode(folder);
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

    /**
     * Whether some pattern of the mapping that goes into {@code sub} under this template (its job patterns, and its
     * branch or tag patterns when the template names those fields) is matched more widely by AWS than by the plugin.
     */
    public static boolean widenedByIam(TrustMapping mapping, SubjectTemplate template) {
        return mapping.jobPatternsFromRoot().stream().anyMatch(SubjectPatterns::widenedByIam)
                || template.has("branch") && mapping.branches().stream().anyMatch(SubjectPatterns::widenedByIam)
                || template.has("tag") && mapping.tags().stream().anyMatch(SubjectPatterns::widenedByIam);
    }

    /** Whether a job (or branch, or tag) pattern is translated to something AWS matches more widely than the plugin. */
    public static boolean widenedByIam(String jobPattern) {
        // '*' within a segment and '?' both cross '/' in IAM; '**' alone does not widen anything.
        return jobPattern.replace("**", "").contains("*") || jobPattern.contains("?");
    }
}
