package io.jenkins.plugins.awsrole.engine.fakeaws;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An IAM policy document, evaluated the way IAM does for what these tests need: {@code Allow}/{@code Deny}
 * statements, {@code Principal.Federated}, {@code Action} and {@code Resource} with {@code *}/{@code ?} wildcards, and
 * the condition operators {@code StringEquals}, {@code StringLike}, {@code StringNotEquals}, {@code StringNotLike},
 * {@code DateLessThan}, {@code DateGreaterThan}. An explicit deny wins; otherwise an allow is needed.
 */
final class Policy {

    private final List<Map<String, Object>> statements;

    private Policy(List<Map<String, Object>> statements) {
        this.statements = statements;
    }

    /**
     * Parses a policy document.
     *
     * @throws AwsError {@code MalformedPolicyDocument} when it is not JSON or has no statements
     */
    @SuppressWarnings("unchecked")
    static Policy parse(String json) {
        Map<String, Object> doc;
        try {
            doc = JSONObjectUtils.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw new AwsError(400, "MalformedPolicyDocument", "Syntax errors in policy.");
        }
        Object statement = doc.get("Statement");
        List<Map<String, Object>> list = new ArrayList<>();
        if (statement instanceof Map<?, ?> single) {
            list.add((Map<String, Object>) single);
        } else if (statement instanceof List<?> many) {
            for (Object s : many) {
                if (!(s instanceof Map<?, ?>)) {
                    throw new AwsError(400, "MalformedPolicyDocument", "Syntax errors in policy.");
                }
                list.add((Map<String, Object>) s);
            }
        }
        if (list.isEmpty()) {
            throw new AwsError(400, "MalformedPolicyDocument", "Policy document must contain a Statement.");
        }
        for (Map<String, Object> s : list) {
            Object effect = s.get("Effect");
            if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
                throw new AwsError(400, "MalformedPolicyDocument", "Invalid effect: " + effect);
            }
        }
        return new Policy(list);
    }

    /** What a request looks like to a policy. {@code federatedPrincipal} is null outside trust policies. */
    record Request(String action, String resource, String federatedPrincipal, Map<String, String> context) {}

    /** Whether an allowing statement matches and no denying one does. */
    boolean allows(Request request) {
        return !denies(request) && matchesAny("Allow", request);
    }

    /** Whether a denying statement matches. */
    boolean denies(Request request) {
        return matchesAny("Deny", request);
    }

    private boolean matchesAny(String effect, Request request) {
        for (Map<String, Object> s : statements) {
            if (effect.equals(s.get("Effect")) && matches(s, request)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static boolean matches(Map<String, Object> s, Request request) {
        if (request.federatedPrincipal() != null) {
            Object principal = s.get("Principal");
            if (!(principal instanceof Map<?, ?> p)
                    || !strings(p.get("Federated")).contains(request.federatedPrincipal())) {
                return false;
            }
        }
        if (strings(s.get("Action")).stream().noneMatch(a -> like(a, request.action(), true))) {
            return false;
        }
        if (request.resource() != null && s.containsKey("Resource")) {
            if (strings(s.get("Resource")).stream().noneMatch(r -> like(r, request.resource(), false))) {
                return false;
            }
        }
        Object condition = s.get("Condition");
        if (condition instanceof Map<?, ?> ops) {
            for (Map.Entry<?, ?> op : ops.entrySet()) {
                if (!(op.getValue() instanceof Map<?, ?> keys)) {
                    return false;
                }
                for (Map.Entry<?, ?> key : ((Map<String, Object>) keys).entrySet()) {
                    String actual = lookup(request.context(), (String) key.getKey());
                    if (!condition((String) op.getKey(), actual, strings(key.getValue()))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static String lookup(Map<String, String> context, String key) {
        for (Map.Entry<String, String> e : context.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) { // condition keys are case-insensitive in IAM
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean condition(String operator, String actual, List<String> expected) {
        return switch (operator) {
            case "StringEquals" -> actual != null && expected.contains(actual);
            case "StringLike" -> actual != null && expected.stream().anyMatch(e -> like(e, actual, false));
            case "StringNotEquals" -> actual == null || !expected.contains(actual);
            case "StringNotLike" -> actual == null || expected.stream().noneMatch(e -> like(e, actual, false));
            case "DateLessThan" ->
                actual != null
                        && expected.stream().anyMatch(e -> Instant.parse(actual).isBefore(Instant.parse(e)));
            case "DateGreaterThan" ->
                actual != null
                        && expected.stream().anyMatch(e -> Instant.parse(actual).isAfter(Instant.parse(e)));
            // An operator this fake does not know never matches: safer for an Allow, and tests will notice.
            default -> false;
        };
    }

    /** IAM wildcard match: {@code *} any run, {@code ?} one character. Actions compare case-insensitively. */
    static boolean like(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        StringBuilder regex = new StringBuilder();
        for (char c : p.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(v).matches();
    }

    private static List<String> strings(Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
