package io.jenkins.plugins.awsrole.engine.json;

/**
 * JSON string literals, written the one way every document of the plugin writes them (issuer documents, policy
 * snippets in messages, exported policies): the short escapes, {@code \\u00XX} for other control characters, and
 * {@code \\u2028}/{@code \\u2029} escaped so the text is also safe inside JavaScript.
 */
public final class JsonStrings {

    // A JSON string literal is also a valid YAML double-quoted scalar, which the CloudFormation export relies on.

    private JsonStrings() {}

    /** {@code value} as a JSON string literal, quotes included; {@code null} becomes {@code null}. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2);
        appendQuoted(out, value);
        return out.toString();
    }

    /** Appends {@code value} as a JSON string literal, quotes included. */
    public static void appendQuoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
