package io.jenkins.plugins.awsrole.engine.fakeaws;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An IAM policy document, evaluated the way IAM does for what these tests need: {@code Allow}/{@code Deny}
 * statements, {@code Principal.Federated} and {@code Principal.AWS} (or {@code "Principal": "*"}), {@code Action} and {@code Resource} with {@code *}/{@code ?} wildcards, and
 * the condition operators {@code StringEquals}, {@code StringLike}, {@code StringNotEquals}, {@code StringNotLike},
 * {@code DateLessThan}, {@code DateGreaterThan}, and {@code ForAllValues:} before {@code StringEquals} or
 * {@code StringLike}, for keys with several values such as {@code sts:TransitiveTagKeys} and {@code aws:TagKeys}. An
 * explicit deny wins; otherwise an allow is needed. Several operators in one condition must all match; several values
 * of one key match when any does. As in IAM, {@code ForAllValues} matches when every value of the request's set is
 * among the condition's, so also when the request has none.
 *
 * <p>Dates ({@code aws:TokenIssueTime}, {@code aws:CurrentTime}) compare as points in time, not as text, in the forms
 * IAM documents for date conditions: ISO 8601 (a date and time with {@code Z} or an offset, optionally with fractions
 * of a second, or a date alone, meaning its midnight UTC) or epoch seconds. A date key the request does not have (a
 * call signed with long-term keys has no {@code aws:TokenIssueTime}) makes the condition false. Stricter than AWS on
 * purpose: a date value in none of these forms is refused when the policy is put ({@code MalformedPolicyDocument}),
 * so that a plugin bug writing a bad date fails here rather than silently never matching in AWS.
 */
final class Policy {

    private static final Pattern EPOCH = Pattern.compile("\\d{1,12}");
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

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
            checkDates(s.get("Condition"));
        }
        return new Policy(list);
    }

    /**
     * What a request looks like to a policy. {@code federatedPrincipal} and {@code awsPrincipals} are null outside
     * trust policies; in a trust policy, one of them says who asks: the IAM OIDC provider of a web identity, or the
     * ways a trust policy may name the caller of {@code AssumeRole} (its role's ARN, its session's ARN, its account).
     */
    record Request(
            String action,
            String resource,
            String federatedPrincipal,
            Map<String, String> context,
            Map<String, List<String>> sets,
            List<String> awsPrincipals) {

        /** A request whose keys have one value each. */
        Request(String action, String resource, String federatedPrincipal, Map<String, String> context) {
            this(action, resource, federatedPrincipal, context, Map.of(), null);
        }
    }

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
        if (request.awsPrincipals() != null && !namesAny(s.get("Principal"), request.awsPrincipals())) {
            return false;
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
                String operator = (String) op.getKey();
                for (Map.Entry<?, ?> key : ((Map<String, Object>) keys).entrySet()) {
                    List<String> expected = strings(key.getValue());
                    boolean matched;
                    if (operator.startsWith(FOR_ALL)) {
                        matched = setCondition(operator, values(request, (String) key.getKey()), expected);
                    } else {
                        matched = condition(operator, lookup(request.context(), (String) key.getKey()), expected);
                    }
                    if (!matched) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static final String FOR_ALL = "ForAllValues:";

    /** Every value of a key in the request: its set, or its one value, or none. */
    private static List<String> values(Request request, String key) {
        for (Map.Entry<String, List<String>> e : request.sets().entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        String one = lookup(request.context(), key);
        return one == null ? List.of() : List.of(one);
    }

    private static boolean setCondition(String operator, List<String> actual, List<String> expected) {
        String inner = operator.substring(FOR_ALL.length());
        if (!inner.equals("StringEquals") && !inner.equals("StringLike")) {
            return false; // an operator this fake does not know never matches
        }
        return actual.stream().allMatch(a -> condition(inner, a, expected));
    }

    /** Whether a statement's {@code Principal} names one of the caller's forms ({@code "*"} names everyone). */
    private static boolean namesAny(Object principal, List<String> callerForms) {
        if ("*".equals(principal)) {
            return true;
        }
        if (!(principal instanceof Map<?, ?> p)) {
            return false;
        }
        return strings(p.get("AWS")).stream().anyMatch(named -> named.equals("*") || callerForms.contains(named));
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
            case "DateLessThan" -> {
                Instant when = contextDate(actual);
                yield when != null && expected.stream().anyMatch(e -> when.isBefore(date(e)));
            }
            case "DateGreaterThan" -> {
                Instant when = contextDate(actual);
                yield when != null && expected.stream().anyMatch(e -> when.isAfter(date(e)));
            }
            // An operator this fake does not know never matches: safer for an Allow, and tests will notice.
            default -> false;
        };
    }

    /** Refuses a date condition whose value is not a date IAM can read. */
    private static void checkDates(Object condition) {
        if (!(condition instanceof Map<?, ?> ops)) {
            return;
        }
        for (Map.Entry<?, ?> op : ops.entrySet()) {
            if (String.valueOf(op.getKey()).startsWith("Date") && op.getValue() instanceof Map<?, ?> keys) {
                for (Object values : keys.values()) {
                    for (String value : strings(values)) {
                        try {
                            date(value);
                        } catch (DateTimeParseException e) {
                            throw new AwsError(
                                    400,
                                    "MalformedPolicyDocument",
                                    "Invalid Condition: " + op.getKey() + " value '" + value + "' is not a date.");
                        }
                    }
                }
            }
        }
    }

    /** The request's value as a date; {@code null} when absent or not a date (a date operator then does not match). */
    private static Instant contextDate(String actual) {
        try {
            return actual == null ? null : date(actual);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A date in one of IAM's forms: epoch seconds, an ISO 8601 date and time (Z or offset), or a date alone. */
    static Instant date(String text) {
        if (EPOCH.matcher(text).matches()) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        if (DATE_ONLY.matcher(text).matches()) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
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
