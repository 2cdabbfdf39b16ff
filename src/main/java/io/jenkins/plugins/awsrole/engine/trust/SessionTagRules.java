package io.jenkins.plugins.awsrole.engine.trust;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IAM's rules for session tags (AWS-FACTS.md §3.2), and the tags the plugin sets itself: what a trust mapping's static
 * tags are checked against when it is saved, and what a token's tags are checked against before it is signed.
 *
 * <p>A token carries at most {@value #MAX_TAGS} tags; keys are 1-{@value #MAX_KEY_LENGTH} and values
 * 0-{@value #MAX_VALUE_LENGTH} characters of letters, digits, spaces and {@code _ . : / = + - @}; keys are unique
 * ignoring case (IAM compares them so) and do not start with {@code aws:}. The plugin's own keys ({@link
 * #FIXED_KEYS}) are reserved: a mapping cannot set them, so that a policy testing {@code aws:PrincipalTag/jenkins-job}
 * always reads the job the controller saw.
 */
public final class SessionTagRules {

    /** The most session tags STS accepts. */
    public static final int MAX_TAGS = 50;

    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;

    /** The job's full name. */
    public static final String JOB = "jenkins-job";
    /** The build number. */
    public static final String BUILD = "jenkins-build";
    /** The stage. */
    public static final String STAGE = "jenkins-stage";
    /** The branch, of branch and change request builds. */
    public static final String BRANCH = "jenkins-branch";
    /** The tag, of tag builds. */
    public static final String TAG = "jenkins-tag";

    /** The keys the plugin sets itself, which no mapping may set. */
    public static final List<String> FIXED_KEYS = List.of(JOB, BUILD, STAGE, BRANCH, TAG);

    /** The most fixed tags one token carries: job, build, stage, and a branch or a tag. */
    public static final int MAX_FIXED_PER_TOKEN = 4;

    /** The most static tags a mapping may add, so that no token carries more than {@value #MAX_TAGS}. */
    public static final int MAX_STATIC_TAGS = MAX_TAGS - MAX_FIXED_PER_TOKEN;

    private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final Pattern VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private SessionTagRules() {}

    /** What is wrong with a tag key by IAM's rules, or {@code null}. */
    public static String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "A session tag key is empty.";
        }
        if (key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
            return "The session tag key '" + key + "' is longer than " + MAX_KEY_LENGTH + " characters.";
        }
        if (!KEY.matcher(key).matches()) {
            return "The session tag key '" + key + "' may contain only letters, digits, spaces and _ . : / = + - @.";
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            return "The session tag key '" + key + "' starts with 'aws:', which AWS reserves for itself.";
        }
        return null;
    }

    /** What is wrong with a tag value by IAM's rules, or {@code null}. */
    public static String valueProblem(String key, String value) {
        if (value == null) {
            return "The session tag '" + key + "' has no value (use \"\" for empty).";
        }
        if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
            return "The value of session tag '" + key + "' is longer than " + MAX_VALUE_LENGTH + " characters.";
        }
        if (!VALUE.matcher(value).matches()) {
            return "The value of session tag '" + key + "' may contain only letters, digits, spaces and"
                    + " _ . : / = + - @.";
        }
        return null;
    }

    /** Whether a key is one the plugin sets itself, ignoring case as IAM does. */
    public static boolean isFixed(String key) {
        return key != null && FIXED_KEYS.stream().anyMatch(k -> k.equalsIgnoreCase(key));
    }

    /**
     * A mapping's static tags, one {@code key=value} a line, split at the first {@code =} with spaces around key and
     * value removed. Only for lines that passed the validator: a line without {@code =} is skipped here.
     */
    public static Map<String, String> parseStatic(List<String> lines) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq >= 0) {
                tags.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return tags;
    }
}
