package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.json.JsonStrings;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of maps, lists, strings, numbers and {@link Expression}s as block-style YAML for CloudFormation.
 *
 * <p>Every string is double-quoted (with JSON escapes, which YAML double-quoted scalars accept), so that values such
 * as {@code 2012-10-17}, {@code yes}, {@code *} or {@code job:a/*:stage:b} can never be read as a date, a boolean, an
 * alias or a mapping. Keys are quoted only when they need it. Expressions ({@code !Ref X}) are written verbatim.
 */
final class YamlText {

    private YamlText() {}

    /** The entries of a map at the given indentation depth (two spaces per level), each line ending in a newline. */
    static String write(Map<String, ?> map, int depth) {
        StringBuilder out = new StringBuilder();
        mapEntries(out, map, depth);
        return out.toString();
    }

    private static void mapEntries(StringBuilder out, Map<?, ?> map, int depth) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            indent(out, depth);
            key(out, (String) entry.getKey());
            out.append(':');
            value(out, entry.getValue(), depth);
        }
    }

    /** Writes what follows "key:" or "-": a scalar on the same line, or a block on the next lines. */
    private static void value(StringBuilder out, Object value, int depth) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('\n');
            mapEntries(out, map, depth + 1);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            out.append('\n');
            for (Object item : list) {
                indent(out, depth + 1);
                out.append('-');
                if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                    // "- Key: value" with the rest of the map aligned under the first key.
                    out.append(' ');
                    StringBuilder nested = new StringBuilder();
                    mapEntries(nested, m, depth + 2);
                    out.append(nested.substring((depth + 2) * 2));
                } else {
                    value(out, item, depth + 1);
                }
            }
        } else {
            out.append(' ');
            scalar(out, value);
            out.append('\n');
        }
    }

    private static void scalar(StringBuilder out, Object value) {
        if (value instanceof String s) {
            JsonStrings.appendQuoted(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Expression e) {
            out.append(e.text());
        } else if (value instanceof Map<?, ?>) {
            out.append("{}");
        } else if (value instanceof List<?>) {
            out.append("[]");
        } else {
            throw new IllegalArgumentException("Cannot write " + value + " as YAML.");
        }
    }

    private static void key(StringBuilder out, String key) {
        if (key.matches("[A-Za-z][A-Za-z0-9]*")) {
            out.append(key);
        } else {
            JsonStrings.appendQuoted(out, key);
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }
}
