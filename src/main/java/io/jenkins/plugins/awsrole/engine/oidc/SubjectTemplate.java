package io.jenkins.plugins.awsrole.engine.oidc;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The template the {@code sub} claim is made from, such as {@code job:${job}:stage:${stage}}.
 *
 * <p>AWS trust policies can test only {@code aud} and {@code sub}, so {@code sub} must carry whatever a policy needs
 * to tell builds apart. Variables are checked when the template is parsed (a typo fails then, not in a build), and a
 * variable without a value in a build (for example {@code ${branch}} outside a multibranch project) is an error at
 * render time: silently leaving it empty could make two different builds look alike to a trust policy.
 *
 * <p>Every variable's value is written with {@link SubjectEncoding}, so that no job, branch, tag or stage name can
 * spell a separator of the template ({@code :}) or an IAM wildcard, and two different builds never get one {@code sub}:
 * {@code job:team/app/x:branch:y} with branch {@code z} is {@code job:team/app/x=3Abranch=3Ay:branch:z}, while job
 * {@code team/app/x} with branch {@code y:branch:z} is {@code job:team/app/x:branch:y=3Abranch=3Az}. The template's own
 * text is written as it is. A {@code sub} that no longer fits AWS's 255 characters once encoded is refused, never cut.
 *
 * <p>A {@code $} not followed by <code>{</code> is literal text.
 */
public final class SubjectTemplate {

    /** The template used when none is configured. */
    public static final String DEFAULT_PATTERN = "job:${job}:stage:${stage}";

    /** The shortest {@code sub} AWS accepts. */
    public static final int MIN_LENGTH = 6;

    /** The longest {@code sub} AWS accepts. */
    public static final int MAX_LENGTH = 255;

    private static final Map<String, Function<Values, String>> VARIABLES = Map.of(
            "job", v -> v.build.jobFullName(),
            "stage", v -> v.stage,
            "build", v -> Long.toString(v.build.buildNumber()),
            "branch", v -> v.build.branch(),
            "change_id", v -> v.build.changeRequestId(),
            "tag", v -> v.build.tag(),
            "ref_type",
                    v -> v.build.refType() == null ? null : v.build.refType().claimValue());

    /** The variables a template may use, in the order the documentation lists them. */
    public static final List<String> VARIABLE_NAMES =
            List.of("job", "stage", "build", "branch", "change_id", "tag", "ref_type");

    /** The default template, {@value #DEFAULT_PATTERN}. */
    public static final SubjectTemplate DEFAULT = parse(DEFAULT_PATTERN);

    private record Values(BuildIdentity build, String stage) {}

    /** Literal text, or a variable name when {@code variable} is true. */
    private record Part(String text, boolean variable) {}

    private final String pattern;
    private final List<Part> parts;

    private SubjectTemplate(String pattern, List<Part> parts) {
        this.pattern = pattern;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException for an unknown or malformed variable, control characters, or a template whose
     *     fixed text alone is longer than {@value #MAX_LENGTH} characters
     */
    public static SubjectTemplate parse(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("The sub template is empty; the default is " + DEFAULT_PATTERN + ".");
        }
        checkNoControlCharacters(pattern, "The sub template");
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            if (pattern.startsWith("${", i)) {
                int end = pattern.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(
                            "The sub template has an unclosed '${' at position " + i + ": close it with '}'.");
                }
                String name = pattern.substring(i + 2, end);
                if (!VARIABLES.containsKey(name)) {
                    throw new IllegalArgumentException("The sub template uses the unknown variable ${" + name
                            + "}; known variables: " + String.join(", ", VARIABLE_NAMES) + ".");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Part(literal.toString(), false));
                    literal.setLength(0);
                }
                parts.add(new Part(name, true));
                i = end + 1;
            } else {
                literal.append(pattern.charAt(i));
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), false));
        }
        int fixed = parts.stream()
                .filter(p -> !p.variable())
                .mapToInt(p -> p.text().codePointCount(0, p.text().length()))
                .sum();
        if (fixed > MAX_LENGTH) {
            throw new IllegalArgumentException("The sub template's fixed text has " + fixed
                    + " characters; sub may have at most " + MAX_LENGTH + ".");
        }
        return new SubjectTemplate(pattern, parts);
    }

    /**
     * The {@code sub} of one build and stage, each variable's value {@linkplain SubjectEncoding encoded}.
     *
     * @throws IllegalArgumentException if a variable has no value for this build, or the result is not 6-255
     *     characters without control characters
     */
    public String render(BuildIdentity build, String stage) {
        Values values = new Values(build, stage);
        StringBuilder out = new StringBuilder();
        boolean encoded = false;
        for (Part part : parts) {
            if (!part.variable()) {
                out.append(part.text());
                continue;
            }
            String value = VARIABLES.get(part.text()).apply(values);
            if (value == null) {
                throw new IllegalArgumentException("The sub template uses ${" + part.text() + "}, which has no value"
                        + " for " + build.jobFullName() + " #" + build.buildNumber() + explainMissing(part.text())
                        + ". Use a template without it for this mapping.");
            }
            encoded |= SubjectEncoding.changes(value);
            out.append(SubjectEncoding.encode(value));
        }
        String sub = out.toString();
        int length = sub.codePointCount(0, sub.length());
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("The sub of job '" + build.jobFullName() + "' for stage '" + stage
                    + "' has " + length + " characters" + (encoded ? " once its names are encoded" : "")
                    + "; AWS accepts " + MAX_LENGTH + " at most, and a shortened sub could name another build."
                    + " Shorten the job's full name (its folder, job or branch names)"
                    + (encoded
                            ? ", or use fewer characters outside A-Z a-z 0-9 space / . _ - @ +, which take 3 to"
                                    + " 12 characters each in sub"
                            : "")
                    + ".");
        }
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("The sub rendered from " + pattern + " has " + length
                    + " characters; AWS needs " + MIN_LENGTH + " to " + MAX_LENGTH + ".");
        }
        checkNoControlCharacters(sub, "The sub rendered from " + pattern);
        return sub;
    }

    private static String explainMissing(String variable) {
        return switch (variable) {
            case "branch" -> " (only branch and change request builds of multibranch projects have a branch)";
            case "change_id" -> " (only change/pull requests have one)";
            case "tag" -> " (only tag builds of multibranch projects have one)";
            case "ref_type" -> " (only builds in multibranch projects have one)";
            default -> "";
        };
    }

    private static void checkNoControlCharacters(String text, String what) {
        text.codePoints()
                .filter(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)
                .findFirst()
                .ifPresent(c -> {
                    throw new IllegalArgumentException(
                            what + " contains the control character U+" + String.format("%04X", c) + ".");
                });
    }

    /** The variables this template uses, in order of first use. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        parts.stream().filter(Part::variable).forEach(p -> names.add(p.text()));
        return names;
    }

    /** The template as written. */
    public String pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectTemplate other && pattern.equals(other.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
