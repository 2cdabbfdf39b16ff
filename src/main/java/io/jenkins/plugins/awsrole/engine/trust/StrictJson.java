package io.jenkins.plugins.awsrole.engine.trust;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for session policies: no comments, no trailing commas, no single quotes, no
 * duplicate keys, nothing after the value. Errors name the line and column and what was expected there.
 *
 * <p>Written here rather than borrowed because the parsers on the engine classpath are internal to the AWS SDK or
 * lenient in ways a policy check must not be (duplicate keys, trailing content). Values become {@link Map} (insertion
 * ordered), {@link List}, {@link String}, {@link Boolean}, {@code null} or, for numbers, the number's text.
 */
final class StrictJson {

    /** A syntax error, with a message fit for a user. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    private StrictJson(String text) {
        this.text = text;
    }

    /** Parses one JSON value that must fill the whole text (surrounding whitespace allowed). */
    static Object parse(String text) throws SyntaxError {
        StrictJson parser = new StrictJson(text);
        parser.skipWhitespace();
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.pos) + "' after the end of the JSON value");
        }
        return value;
    }

    /** The text with all whitespace outside strings removed: what IAM counts against its size limits. */
    static String pack(String text) {
        StringBuilder packed = new StringBuilder(text.length());
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                packed.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    packed.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                packed.append(c);
            } else if (!isWhitespace(c)) {
                packed.append(c);
            }
        }
        return packed.toString();
    }

    private Object value() throws SyntaxError {
        if (pos >= text.length()) {
            throw error("the text ends where a value was expected");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                if (c == '\'') {
                    throw error("strings need double quotes (\"), not single quotes");
                }
                throw error("unexpected '" + c + "' where a value was expected");
        }
    }

    private Map<String, Object> object() throws SyntaxError {
        enter();
        pos++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error(
                        peek() == '}'
                                ? "a comma before '}' (trailing commas are not allowed)"
                                : "expected a key in double quotes");
            }
            int keyPos = pos;
            String key = string();
            if (members.containsKey(key)) {
                pos = keyPos;
                throw error("the key \"" + key + "\" appears twice in one object");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, value());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return members;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' after an object member");
            }
        }
    }

    private List<Object> array() throws SyntaxError {
        enter();
        pos++; // '['
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return items;
        }
        while (true) {
            skipWhitespace();
            if (peek() == ']') {
                throw error("a comma before ']' (trailing commas are not allowed)");
            }
            items.add(value());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return items;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' after an array item");
            }
        }
    }

    private String string() throws SyntaxError {
        int start = pos;
        pos++; // opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("this string is never closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("a line break or control character inside a string; write it as an escape like \\n");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (pos >= text.length()) {
                pos = start;
                throw error("this string is never closed");
            }
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(unicodeEscape());
                default -> {
                    pos -= 2;
                    throw error("'\\" + escaped + "' is not a JSON escape");
                }
            }
        }
    }

    private char unicodeEscape() throws SyntaxError {
        if (pos + 4 > text.length()) {
            pos -= 2;
            throw error("'\\u' must be followed by four hex digits");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                pos -= 2;
                throw error("'\\u' must be followed by four hex digits");
            }
            code = code * 16 + digit;
        }
        pos += 4;
        return (char) code;
    }

    private String number() throws SyntaxError {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("a number needs digits");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("a number needs digits after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("a number needs digits in its exponent");
            }
            digits();
        }
        if (isDigit(peek())) {
            throw error("numbers must not have leading zeros");
        }
        return text.substring(start, pos);
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private Object literal(String word, Object value) throws SyntaxError {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected '" + text.charAt(pos) + "' where a value was expected");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws SyntaxError {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void enter() throws SyntaxError {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length() && isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private SyntaxError error(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        if (pos >= text.length()) {
            return new SyntaxError("Line " + line + ", column " + column + " (end of text): " + what + ".");
        }
        return new SyntaxError("Line " + line + ", column " + column + ": " + what + ".");
    }
}
