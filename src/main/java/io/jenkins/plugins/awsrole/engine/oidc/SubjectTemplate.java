package io.jenkins.plugins.awsrole.engine.oidc;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The template the {@code sub} claim of a build's token is made from, such as {@code job:${job}:stage:${stage}}.
 *
 * <p>AWS trust policies can test only {@code aud} and {@code sub}, so {@code sub} must carry whatever a policy needs
 * to tell builds apart. A template is a list of <em>fields</em> from a fixed vocabulary ({@link #FIELDS}), each written
 * {@code name:${name}} and joined by {@code :}, for example {@code
 * job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch}}. Nothing else may be written, which gives every
 * {@code sub} three properties that trust policies rely on:
 *
 * <ul>
 *   <li>it names what each part is ({@code branch:main}), so that a policy reads like the build it admits;
 *   <li>it can be read back in one way only: every value is written with {@link SubjectEncoding}, which never writes a
 *       {@code :}, so the only {@code :} in a {@code sub} are the template's own; no job, branch, tag or stage name can
 *       spell another field, and no two builds share a {@code sub} ({@code job:team/app/x:branch:y} with branch {@code
 *       z} is {@code job:team/app/x=3Abranch=3Ay:branch:z}, while job {@code team/app/x} with branch {@code y:branch:z}
 *       is {@code job:team/app/x:branch:y=3Abranch=3Az});
 *   <li>it starts with a field's name, never with {@code jenkins}, so no template can make a build's {@code sub} equal
 *       to the controller's own ({@link #CONTROLLER_PREFIX}, for the revoker and the drift reader, see {@link
 *       #controller}).
 * </ul>
 *
 * <p>A template must name {@code job} and {@code stage} (a policy that cannot tell jobs or stages apart trusts them
 * all alike), and each field at most once. A fact a build does not have (the branch of a job outside a multibranch
 * project, the tag of a branch build, the folder of a job at the top level) is written as the empty value ({@code
 * branch:}); no real value is empty, so that reads as "none" and can match nothing else. A {@code sub} that no longer
 * fits AWS's 255 characters once encoded is refused, never cut.
 */
public final class SubjectTemplate {

    /** The template used when none is configured. */
    public static final String DEFAULT_PATTERN = "job:${job}:stage:${stage}";

    /**
     * How the controller's own tokens' {@code sub} starts ({@code jenkins:controller:revoker}); no build's {@code sub}
     * can start so.
     */
    public static final String CONTROLLER_PREFIX = "jenkins:controller:";

    /** The shortest {@code sub} AWS accepts. */
    public static final int MIN_LENGTH = 6;

    /** The longest {@code sub} AWS accepts. */
    public static final int MAX_LENGTH = 255;

    /** The field names a template may use, in the order the documentation lists them. */
    public static final List<String> FIELDS = List.of("job", "folder", "stage", "branch", "ref_type", "tag", "replay");

    /** The fields every template must name. */
    public static final List<String> REQUIRED_FIELDS = List.of("job", "stage");

    private static final Map<String, Function<Values, String>> VALUES = values();

    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** The default template, {@value #DEFAULT_PATTERN}. */
    public static final SubjectTemplate DEFAULT = parse(DEFAULT_PATTERN);

    private record Values(BuildIdentity build, String stage) {}

    private final String pattern;
    private final List<String> fields;

    private SubjectTemplate(String pattern, List<String> fields) {
        this.pattern = pattern;
        this.fields = List.copyOf(fields);
    }

    private static Map<String, Function<Values, String>> values() {
        Map<String, Function<Values, String>> values = new LinkedHashMap<>();
        values.put("job", v -> v.build.jobFullName());
        values.put("folder", v -> v.build.folder());
        values.put("stage", v -> v.stage);
        values.put("branch", v -> v.build.branch());
        values.put(
                "ref_type",
                v -> v.build.refType() == null ? null : v.build.refType().claimValue());
        values.put("tag", v -> v.build.tag());
        values.put("replay", v -> Boolean.toString(v.build.replayed()));
        return Map.copyOf(values);
    }

    /**
     * Parses a template: fields of {@link #FIELDS}, each written {@code name:${name}}, joined by {@code :}, with
     * {@code job} and {@code stage} among them and none twice.
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    public static SubjectTemplate parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("The sub template is empty; the default is " + DEFAULT_PATTERN + ".");
        }
        String text = pattern.strip();
        checkNoControlCharacters(text, "The sub template");
        String[] parts = text.split(":", -1);
        if (parts.length % 2 != 0) {
            throw notFields(text);
        }
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < parts.length; i += 2) {
            String name = parts[i];
            String value = parts[i + 1];
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("The sub template names the field '" + name + "', which is not one"
                        + " of " + String.join(", ", FIELDS) + ". " + form());
            }
            if (!value.equals("${" + name + "}")) {
                throw new IllegalArgumentException("In the sub template, field '" + name + "' must be written " + name
                        + ":${" + name + "}, not " + name + ":" + value + ": a field's name goes with its own value, so"
                        + " that each part of sub says what it is."
                        + (value.isEmpty()
                                ? " In JCasC, write ^${" + name + "}: JCasC reads ${" + name + "} as a variable of its"
                                        + " own, which is empty."
                                : ""));
            }
            if (fields.contains(name)) {
                throw new IllegalArgumentException(
                        "The sub template names the field '" + name + "' twice; name each field once.");
            }
            fields.add(name);
        }
        for (String required : REQUIRED_FIELDS) {
            if (!fields.contains(required)) {
                throw new IllegalArgumentException("The sub template must name job:${job} and stage:${stage} (it has "
                        + String.join(", ", fields) + "): a trust policy that cannot tell jobs or stages apart admits"
                        + " them all alike.");
            }
        }
        return new SubjectTemplate(text, fields);
    }

    private static IllegalArgumentException notFields(String text) {
        return new IllegalArgumentException("The sub template '" + text + "' is not a list of fields. " + form());
    }

    private static String form() {
        return "Write each field as name:${name}, joined by ':', for example"
                + " job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch}; the fields are "
                + String.join(", ", FIELDS) + ".";
    }

    /**
     * The template of the controller's own token for a purpose: the fixed {@code sub} {@code
     * jenkins:controller:<purpose>}, which no {@linkplain #parse parsed} template can render.
     *
     * @param purpose 1-32 lower-case letters, digits and {@code -}, starting with a letter, such as {@code revoker}
     * @throws IllegalArgumentException for another purpose
     */
    public static SubjectTemplate controller(String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("A controller session's purpose is 1-32 lower-case letters, digits and"
                    + " '-', starting with a letter, like 'revoker'; got '" + purpose + "'.");
        }
        return new SubjectTemplate(CONTROLLER_PREFIX + purpose, List.of());
    }

    /**
     * The {@code sub} of one build and stage, each value {@linkplain SubjectEncoding encoded}.
     *
     * @throws IllegalArgumentException if the result is not 6-255 characters, or a fact the build has is empty
     */
    public String render(BuildIdentity build, String stage) {
        if (fields.isEmpty()) {
            return pattern; // the controller's own subject
        }
        Values values = new Values(build, stage);
        StringBuilder out = new StringBuilder();
        boolean encoded = false;
        for (String field : fields) {
            String value = VALUES.get(field).apply(values);
            if (value != null && value.isEmpty()) {
                // "branch:" means "no branch"; a build with an empty one would look like a build without.
                throw new IllegalArgumentException("The " + field + " of " + build.jobFullName() + " #"
                        + build.buildNumber() + " is empty; sub writes an empty " + field + " for builds without one,"
                        + " so no token is made for it.");
            }
            if (!out.isEmpty()) {
                out.append(':');
            }
            out.append(field).append(':');
            if (value != null) {
                encoded |= SubjectEncoding.changes(value);
                out.append(SubjectEncoding.encode(value));
            }
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
                    + (fields.size() > 2 ? ", or an administrator drops fields from the sub template" : "")
                    + ".");
        }
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("The sub rendered from " + pattern + " has " + length
                    + " characters; AWS needs " + MIN_LENGTH + " to " + MAX_LENGTH + ".");
        }
        if (sub.toLowerCase(Locale.ROOT).startsWith("jenkins")) {
            // Unreachable: a parsed template starts with a field name. Kept so that no change to parse can undo it.
            throw new IllegalStateException("A build's sub must never look like the controller's: " + sub);
        }
        return sub;
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

    /** The fields this template names, in order; empty for the controller's own template. */
    public List<String> fields() {
        return fields;
    }

    /** Whether this template names a field. */
    public boolean has(String field) {
        return fields.contains(field);
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
