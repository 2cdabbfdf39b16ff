package io.jenkins.plugins.awsrole.engine.mask;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The byte sequences under which one secret can show up in a build log.
 *
 * <p>Tools print secrets as they are, inside URLs and form bodies (percent-encoded) and inside JSON documents
 * (escaped). AWS secret keys and session tokens contain {@code +}, {@code /} and {@code =}, so the encoded forms differ
 * from the raw one. Rather than a general decoder (which would have to hold back any {@code %} or {@code \} in the
 * log), this class lists the concrete forms that common encoders produce; each one becomes a pattern of the masker:
 *
 * <ul>
 *   <li>the raw UTF-8 bytes;
 *   <li>percent-encoding of every byte outside the RFC 3986 unreserved set ({@code A-Z a-z 0-9 - . _ ~}), with
 *       upper-case and with lower-case hex digits (curl, Go {@code url.QueryEscape} minus the space rule, most
 *       libraries);
 *   <li>percent-encoding as JavaScript's {@code encodeURIComponent} does (it also keeps {@code ! ' ( ) *});
 *   <li>form encoding ({@code application/x-www-form-urlencoded}): space as {@code +}, once as Java's
 *       {@code URLEncoder} does (keeps {@code *}, encodes {@code ~}) and once as Python's {@code quote_plus} does
 *       (keeps {@code ~}, encodes {@code *});
 *   <li>percent-encoding that keeps {@code /} (Python's {@code urllib.parse.quote} default, path encoders);
 *   <li>JSON string escaping: {@code \"}, {@code \\}, {@code \b \f \n \r \t} and {@code \}{@code u00xx} for the other
 *       control characters, with lower-case hex (JavaScript, Python, Go) and upper-case hex (Jackson); the same with
 *       {@code /} written as {@code \/} (PHP, json-simple); the HTML-safe escaping of Gson ({@code < > & = '} as
 *       {@code \}{@code u003c} ...) and of Go ({@code < > &}); and Python's default {@code ensure_ascii}, which also
 *       writes every non-ASCII character as {@code \}{@code uxxxx} UTF-16 units (lower- and upper-case hex).
 * </ul>
 *
 * <ul>
 *   <li>base64 ({@code base64}, {@code kubectl get secret -o yaml}, HTTP basic authentication, JWTs), standard and URL-safe
 *       alphabet, at each of the three alignments a secret can have inside a longer encoded text, as credentials-binding
 *       masks them: only the characters the secret alone decides (see {@link #base64Core}), so that the secret is found
 *       whatever surrounds it; plus the whole padded encoding of the secret on its own, so that {@code printf %s
 *       "$SECRET" | base64} is hidden to the last character.
 * </ul>
 *
 * <p>Base64 that a tool wraps into lines (GNU {@code base64} starts a new line every 76 characters) is found only
 * where a whole core fits on one line: the line break splits it.
 *
 * <p>Escapes that no common encoder emits for these characters, such as {@code \}{@code u002b} for {@code +}, are not
 * listed: each extra form costs a pattern for every secret, and a form nobody writes protects nothing. Mixed forms
 * (one {@code /} encoded and the next not) and forms of forms (JSON inside a URL) are not listed either.
 */
public final class SecretForms {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

    private SecretForms() {}

    /**
     * The distinct forms of one secret, the raw UTF-8 bytes first.
     *
     * @param secret the secret, not null
     * @return the forms, each different from the others, none shorter than the raw form
     */
    public static List<byte[]> of(String secret) {
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> forms = new LinkedHashMap<>();
        add(forms, raw);
        add(forms, percent(raw, SecretForms::isUnreserved, false, UPPER_HEX));
        add(forms, percent(raw, SecretForms::isUnreserved, false, LOWER_HEX));
        add(forms, percent(raw, c -> isUnreserved(c) || "!'()*".indexOf(c) >= 0, false, UPPER_HEX));
        add(forms, percent(raw, c -> isAlphaNumeric(c) || "-._*".indexOf(c) >= 0, true, UPPER_HEX));
        add(forms, percent(raw, c -> isUnreserved(c) || c == ' ', true, UPPER_HEX));
        add(forms, percent(raw, c -> isUnreserved(c) || c == '/', false, UPPER_HEX));
        add(forms, json(secret, "", false, LOWER_HEX));
        add(forms, json(secret, "", false, UPPER_HEX));
        add(forms, json(secret, "/", false, LOWER_HEX));
        add(forms, json(secret, "<>&='", false, LOWER_HEX));
        add(forms, json(secret, "<>&", false, LOWER_HEX));
        add(forms, json(secret, "", true, LOWER_HEX));
        add(forms, json(secret, "", true, UPPER_HEX));
        // Base64 last: a masker may keep the patterns in this order, and the longer forms above say more.
        add(forms, Base64.getEncoder().encode(raw));
        for (int alignment = 0; alignment < 3; alignment++) {
            add(forms, base64Core(raw, alignment, Base64.getEncoder()));
            add(forms, base64Core(raw, alignment, Base64.getUrlEncoder()));
        }
        return new ArrayList<>(forms.values());
    }

    /**
     * The base64 characters that the secret alone decides when it starts {@code alignment} bytes (0, 1 or 2) into a
     * 3-byte group of a longer text: each base64 character holds 6 bits, so the characters at either end that hold
     * bits of the neighbouring bytes too are left out. Whatever comes before and after the secret, an encoder writes
     * exactly these characters in the middle, so together the three alignments find the secret at any offset.
     */
    private static byte[] base64Core(byte[] raw, int alignment, Base64.Encoder encoder) {
        byte[] framed = new byte[alignment + raw.length + 2];
        System.arraycopy(raw, 0, framed, alignment, raw.length);
        byte[] encoded = encoder.encode(framed);
        int secretStartBit = 8 * alignment;
        int secretEndBit = secretStartBit + 8 * raw.length;
        int first = (secretStartBit + 5) / 6; // the first character whose 6 bits all come from the secret
        int end = secretEndBit / 6; // one past the last such character
        return Arrays.copyOfRange(encoded, first, end);
    }

    private static void add(Map<String, byte[]> forms, byte[] form) {
        // ISO-8859-1 maps bytes one to one to chars, so the string is a faithful key for the bytes.
        forms.putIfAbsent(new String(form, StandardCharsets.ISO_8859_1), form);
    }

    private static boolean isAlphaNumeric(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isUnreserved(int c) {
        return isAlphaNumeric(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * Percent-encodes every byte the predicate does not keep; a kept space becomes {@code +} when {@code spaceAsPlus}.
     */
    private static byte[] percent(byte[] raw, IntPredicate keep, boolean spaceAsPlus, char[] hex) {
        StringBuilder out = new StringBuilder(raw.length * 3);
        for (byte b : raw) {
            int c = b & 0xff;
            if (c == ' ' && spaceAsPlus) {
                out.append('+');
            } else if (c < 0x80 && keep.test(c) && c != ' ') {
                out.append((char) c);
            } else {
                out.append('%').append(hex[c >> 4]).append(hex[c & 0xf]);
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * JSON string escaping as an encoder writes it between the quotes.
     *
     * @param alsoUnicodeEscaped characters an encoder escapes as {@code \}{@code u00xx} on top of the mandatory ones,
     *     except {@code /}, which is written {@code \/}
     * @param asciiOnly whether every non-ASCII character is escaped as {@code \}{@code uxxxx}
     */
    private static byte[] json(String secret, String alsoEscaped, boolean asciiOnly, char[] hex) {
        StringBuilder out = new StringBuilder(secret.length() + 16);
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == '/' && alsoEscaped.indexOf('/') >= 0) {
                        out.append("\\/");
                    } else if (c < 0x20 || alsoEscaped.indexOf(c) >= 0 || (asciiOnly && c > 0x7e)) {
                        out.append("\\u")
                                .append(hex[(c >> 12) & 0xf])
                                .append(hex[(c >> 8) & 0xf])
                                .append(hex[(c >> 4) & 0xf])
                                .append(hex[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
