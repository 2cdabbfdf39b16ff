package io.jenkins.plugins.awsrole.engine.json;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON writer for everything the plugin publishes or exports: the issuer's documents, its key state, trust
 * policies.
 *
 * <p>Written by hand rather than through a JSON library so that the output is byte-for-byte deterministic: keys in
 * the order the caller put them (callers use {@link java.util.LinkedHashMap}), two-space indentation, lists of plain
 * values on one line, a final newline. That way documents and exports can be diffed, checksummed and hosted statically.
 */
public final class JsonWriter {

    private JsonWriter() {}

    /** Pretty-printed UTF-8 JSON of a value made of maps, lists, strings, numbers, booleans and nulls. */
    public static byte[] toBytes(Object value) {
        return toText(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Pretty-printed JSON text, with a final newline. */
    public static String toText(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, depth);
        } else if (value instanceof List<?> list) {
            array(out, list, depth);
        } else {
            throw new IllegalArgumentException(
                    "Cannot write " + value.getClass().getName() + " as JSON.");
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(out, depth + 1);
            string(out, (String) entry.getKey());
            out.append(": ");
            write(out, entry.getValue(), depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append('}');
    }

    private static void array(StringBuilder out, List<?> list, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        boolean scalars = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
        if (scalars) {
            // Short lists of names ("RS256", "sub", ...) read best on one line.
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(out, list.get(i), depth + 1);
            }
            out.append(']');
            return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            indent(out, depth + 1);
            write(out, list.get(i), depth + 1);
        }
        out.append('\n');
        indent(out, depth);
        out.append(']');
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }

    private static void string(StringBuilder out, String s) {
        JsonStrings.appendQuoted(out, s);
    }
}
