package io.jenkins.plugins.awsrole.engine.oidc;

import io.jenkins.plugins.awsrole.engine.trust.SessionTagRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Session tags to pass through the token's {@code https://aws.amazon.com/tags} claim, checked against the limits STS
 * applies, so that a bad tag fails with a clear message before the token is used. The role's trust policy must allow
 * {@code sts:TagSession}, or STS refuses every token that carries tags.
 *
 * @param principalTags tag key to value, in the order given; at most 50 tags, keys 1-128 and values 0-256 characters
 *     of letters, digits, spaces and {@code _ . : / = + - @}, keys unique ignoring case
 * @param transitiveTagKeys the keys (among {@code principalTags}) that stay with the session through role chaining
 */
public record SessionTags(Map<String, String> principalTags, List<String> transitiveTagKeys) {

    /** Claim name of session tags in a web identity token. */
    public static final String CLAIM = "https://aws.amazon.com/tags";

    /** The most session tags STS accepts. */
    public static final int MAX_TAGS = SessionTagRules.MAX_TAGS;

    public static final int MAX_KEY_LENGTH = SessionTagRules.MAX_KEY_LENGTH;
    public static final int MAX_VALUE_LENGTH = SessionTagRules.MAX_VALUE_LENGTH;

    public SessionTags {
        Objects.requireNonNull(principalTags, "principalTags");
        Objects.requireNonNull(transitiveTagKeys, "transitiveTagKeys");
        if (principalTags.isEmpty()) {
            throw new IllegalArgumentException("Session tags need at least one tag.");
        }
        if (principalTags.size() > MAX_TAGS) {
            throw new IllegalArgumentException(
                    principalTags.size() + " session tags given; AWS accepts at most " + MAX_TAGS + ".");
        }
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> tag : principalTags.entrySet()) {
            checkKey(tag.getKey());
            checkValue(tag.getKey(), tag.getValue());
            if (!seen.add(tag.getKey().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("The session tag key '" + tag.getKey()
                        + "' is given twice; AWS treats tag keys as case-insensitive.");
            }
        }
        Set<String> transitive = new HashSet<>();
        for (String key : transitiveTagKeys) {
            if (!principalTags.containsKey(key)) {
                throw new IllegalArgumentException(
                        "The transitive tag key '" + key + "' is not one of the session tags.");
            }
            if (!transitive.add(key)) {
                throw new IllegalArgumentException("The transitive tag key '" + key + "' is listed twice.");
            }
        }
        principalTags = Collections.unmodifiableMap(new LinkedHashMap<>(principalTags));
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }

    /** Tags without transitive keys. */
    public static SessionTags of(Map<String, String> principalTags) {
        return new SessionTags(principalTags, List.of());
    }

    private static void checkKey(String key) {
        String problem = SessionTagRules.keyProblem(key);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static void checkValue(String key, String value) {
        String problem = SessionTagRules.valueProblem(key, value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The claim value: {@code principal_tags} with one-element arrays, then {@code transitive_tag_keys} if any. */
    Map<String, Object> toClaim() {
        Map<String, Object> tags = new LinkedHashMap<>();
        principalTags.forEach((key, value) -> tags.put(key, List.of(value)));
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("principal_tags", tags);
        if (!transitiveTagKeys.isEmpty()) {
            claim.put("transitive_tag_keys", new ArrayList<>(transitiveTagKeys));
        }
        return claim;
    }
}
