package io.jenkins.plugins.awsrole.engine.trustcode;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A policy document as IAM returns it, read into statements with every "string or list" normalised to a list.
 *
 * <p>IAM returns documents URL-encoded (RFC 3986) and the AWS SDK for Java does not decode them, so {@link #decode}
 * does. {@code NotAction} and {@code NotPrincipal} are read as "everything": they admit more than they name, which is
 * the cautious reading for a check that looks for too much trust.
 */
final class LivePolicy {

    /** One statement. Condition keys are stored lower case, as IAM compares them case-insensitively. */
    record Statement(
            String effect,
            boolean anyPrincipal,
            List<String> principals,
            List<String> federated,
            List<String> actions,
            List<String> resources,
            Map<String, Map<String, List<String>>> conditions) {

        boolean allows() {
            return "Allow".equals(effect);
        }

        /** The values an operator tests a key with, or an empty list. */
        List<String> condition(String operator, String key) {
            return conditions.getOrDefault(operator, Map.of()).getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
        }

        boolean allowsAction(String action) {
            return actions.stream().anyMatch(a -> PatternCoverage.covers(lower(a), lower(action)));
        }
    }

    private final List<Statement> statements;

    private LivePolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    List<Statement> statements() {
        return statements;
    }

    /** Decodes a document as {@code GetRole} and {@code GetRolePolicy} return it. */
    static String decode(String urlEncoded) {
        return URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8);
    }

    /**
     * Reads a (decoded) policy document.
     *
     * @throws IllegalArgumentException when it is not a JSON object with statements
     */
    @SuppressWarnings("unchecked")
    static LivePolicy parse(String json) {
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("The policy is not valid JSON: " + e.getMessage());
        }
        Object raw = document.get("Statement");
        List<Object> list = raw instanceof List<?> l ? (List<Object>) l : raw == null ? List.of() : List.of(raw);
        List<Statement> statements = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("The policy has a statement that is not a JSON object.");
            }
            statements.add(statement((Map<String, Object>) map));
        }
        return new LivePolicy(statements);
    }

    private static Statement statement(Map<String, Object> s) {
        boolean anyPrincipal = "*".equals(s.get("Principal")) || s.containsKey("NotPrincipal");
        List<String> principals = new ArrayList<>();
        List<String> federated = new ArrayList<>();
        if (s.get("Principal") instanceof Map<?, ?> p) {
            for (Map.Entry<?, ?> e : p.entrySet()) {
                List<String> values = strings(e.getValue());
                principals.addAll(values);
                if ("Federated".equals(e.getKey())) {
                    federated.addAll(values);
                }
                if (values.contains("*")) {
                    anyPrincipal = true;
                }
            }
        }
        List<String> actions = s.containsKey("NotAction") ? List.of("*") : strings(s.get("Action"));
        List<String> resources = s.containsKey("NotResource") ? List.of("*") : strings(s.get("Resource"));
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        if (s.get("Condition") instanceof Map<?, ?> ops) {
            for (Map.Entry<?, ?> op : ops.entrySet()) {
                Map<String, List<String>> keys = new LinkedHashMap<>();
                if (op.getValue() instanceof Map<?, ?> k) {
                    for (Map.Entry<?, ?> key : k.entrySet()) {
                        keys.put(lower(String.valueOf(key.getKey())), strings(key.getValue()));
                    }
                }
                conditions.put(String.valueOf(op.getKey()), keys);
            }
        }
        return new Statement(
                String.valueOf(s.get("Effect")), anyPrincipal, principals, federated, actions, resources, conditions);
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

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Whether an allowing statement grants {@code "Action": "*"} on {@code "Resource": "*"}. */
    boolean allowsEverything() {
        return statements.stream()
                .anyMatch(s ->
                        s.allows() && s.actions().contains("*") && s.resources().contains("*"));
    }
}
