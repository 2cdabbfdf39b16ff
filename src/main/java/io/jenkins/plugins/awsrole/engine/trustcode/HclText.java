package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.List;
import java.util.Map;

/**
 * Writes a tree of maps, lists, strings, numbers and {@link Expression}s as a Terraform (HCL) expression, for the
 * argument of {@code jsonencode(...)}.
 *
 * <p>Strings are quoted with HCL escapes, and {@code ${} and {@code %{} are doubled ({@code $${}, {@code %%{}) so that
 * IAM policy variables such as {@code ${aws:username}} or the escape {@code ${$}} reach AWS as written instead of being
 * taken for Terraform interpolation. Object keys are always quoted: IAM keys contain {@code :} and {@code /}.
 */
final class HclText {

    private HclText() {}

    static String write(Object value, int depth) {
        StringBuilder out = new StringBuilder();
        write(out, value, depth);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Expression e) {
            out.append(e.text());
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, depth);
        } else if (value instanceof List<?> list) {
            array(out, list, depth);
        } else {
            throw new IllegalArgumentException("Cannot write " + value + " as HCL.");
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            indent(out, depth + 1);
            string(out, (String) entry.getKey());
            out.append(" = ");
            write(out, entry.getValue(), depth + 1);
            out.append('\n');
        }
        indent(out, depth);
        out.append('}');
    }

    private static void array(StringBuilder out, List<?> list, int depth) {
        boolean scalars = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
        if (scalars) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(out, list.get(i), depth + 1);
            }
            out.append(']');
            return;
        }
        out.append("[\n");
        for (Object item : list) {
            indent(out, depth + 1);
            write(out, item, depth + 1);
            out.append(",\n");
        }
        indent(out, depth);
        out.append(']');
    }

    /** An HCL quoted string; template sequences are escaped so the text reaches AWS literally. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean opensTemplate = i + 1 < s.length() && s.charAt(i + 1) == '{';
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '$' -> out.append(opensTemplate ? "$$" : "$");
                case '%' -> out.append(opensTemplate ? "%%" : "%");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }
}
