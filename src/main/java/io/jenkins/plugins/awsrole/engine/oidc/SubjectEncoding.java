package io.jenkins.plugins.awsrole.engine.oidc;

import java.io.ByteArrayOutputStream;

/**
 * The one way every name that a build's author or an SCM chooses (job full names, branch and tag names, stages) is
 * written into a token's {@code sub}, into its session tags, and into the trust-policy patterns that test them.
 *
 * <p>Such names can hold anything: branch-api keeps {@code :} in branch job names, SCM head names are whatever the
 * SCM says, and Unicode has look-alikes of every separator. Written as they are, {@code team/app/x:branch:y} with
 * branch {@code z} and {@code team/app/x} with branch {@code y:branch:z} would give one {@code sub}, and a name holding
 * IAM's wildcards {@code *} or {@code ?} would read as a pattern. So each value is encoded:
 *
 * <ul>
 *   <li>the <b>safe</b> characters stay as they are: ASCII letters and digits, space, and {@code / . _ - @ +};
 *   <li>every other character, {@code =} itself included, becomes {@code =XX} for each byte of its UTF-8 encoding,
 *       in upper-case hex: {@code :} is {@code =3A}, {@code *} {@code =2A}, {@code ?} {@code =3F}, {@code %} {@code
 *       =25}, {@code =} {@code =3D}, {@code é} {@code =C3=A9}, a zero-width space {@code =E2=80=8B}. (An unpaired
 *       UTF-16 surrogate, which no real name has, is written as the three bytes UTF-8 would give its code point, so
 *       that even such strings never share an encoding.)
 * </ul>
 *
 * <p>The result is ASCII, holds no {@code :} (so the separators of a {@code sub} template stay unambiguous), no
 * {@code *} or {@code ?} (so no value is a wildcard), no {@code $}, <code>{</code> or <code>}</code> (so IAM never
 * reads a policy variable in it), and no {@code %} or {@code ,}: only characters that IAM allows in a session tag
 * value, which {@code %} and {@code ,} are not. That is why the escape character is {@code =}, as in MIME's
 * quoted-printable, rather than URL encoding's {@code %}: one encoding serves the {@code sub}, the session tags and the
 * trust-policy patterns alike. The encoding is injective ({@link #decode} undoes it) and leaves today's common names
 * unchanged ({@code team/app/main}, {@code release-1.2}, {@code deploy}); a multibranch job {@code
 * team/app/feature%2Flogin} becomes {@code team/app/feature=252Flogin}.
 */
public final class SubjectEncoding {

    /** What starts each escaped byte. */
    public static final char ESCAPE = '=';

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SubjectEncoding() {}

    /** Whether a character is written as it is. */
    public static boolean isSafe(int c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == ' '
                || c == '/'
                || c == '.'
                || c == '_'
                || c == '-'
                || c == '@'
                || c == '+';
    }

    /** The encoded value (see the class description); the empty string stays empty. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (isSafe(c)) {
                out.append((char) c);
            } else {
                for (byte b : utf8(c)) {
                    out.append(ESCAPE).append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
        });
        return out.toString();
    }

    /** Whether encoding changes the value. */
    public static boolean changes(String value) {
        return !value.codePoints().allMatch(SubjectEncoding::isSafe);
    }

    /**
     * The value {@link #encode} made {@code encoded} from.
     *
     * @throws IllegalArgumentException when {@code encoded} is not an encoding {@link #encode} makes: an unsafe
     *     character as it is, an escape that is not followed by two upper-case hex digits, an escaped safe character,
     *     or bytes that are not UTF-8
     */
    public static String decode(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c == ESCAPE) {
                if (i + 2 >= encoded.length() || hex(encoded.charAt(i + 1)) < 0 || hex(encoded.charAt(i + 2)) < 0) {
                    throw new IllegalArgumentException(
                            "'" + encoded + "' has an '=' at " + i + " without two upper-case hex digits.");
                }
                bytes.write(hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)));
                i += 3;
                continue;
            }
            flush(bytes, out, encoded);
            if (!isSafe(c)) {
                throw new IllegalArgumentException("'" + encoded + "' holds '" + c + "' unencoded at " + i
                        + "; it would be written as " + encode(String.valueOf(c)) + ".");
            }
            out.append(c);
            i++;
        }
        flush(bytes, out, encoded);
        String decoded = out.toString();
        // Only encode's own output decodes: that keeps decode the exact inverse (no second spelling of a value).
        if (!encode(decoded).equals(encoded)) {
            throw notUtf8(encoded);
        }
        return decoded;
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out, String encoded) {
        if (bytes.size() == 0) {
            return;
        }
        byte[] b = bytes.toByteArray();
        bytes.reset();
        int i = 0;
        while (i < b.length) {
            int lead = b[i] & 0xFF;
            int length = lead < 0x80 ? 1 : lead >= 0xC2 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3 : 4;
            if (lead >= 0x80 && lead < 0xC2 || lead > 0xF4 || i + length > b.length) {
                throw notUtf8(encoded);
            }
            int c = length == 1 ? lead : lead & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int next = b[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    throw notUtf8(encoded);
                }
                c = (c << 6) | (next & 0x3F);
            }
            int shortest = length == 1 ? 0 : length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
            if (c < shortest || c > Character.MAX_CODE_POINT) {
                throw notUtf8(encoded);
            }
            out.appendCodePoint(c);
            i += length;
        }
    }

    private static IllegalArgumentException notUtf8(String encoded) {
        return new IllegalArgumentException(
                "'" + encoded + "' has escapes that are not the UTF-8 of characters that need escaping.");
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** UTF-8 of one code point; a lone surrogate gets the three bytes of its code point (generalized UTF-8). */
    private static byte[] utf8(int c) {
        if (c < 0x80) {
            return new byte[] {(byte) c};
        }
        if (c < 0x800) {
            return new byte[] {(byte) (0xC0 | (c >> 6)), (byte) (0x80 | (c & 0x3F))};
        }
        if (c < 0x10000) {
            return new byte[] {(byte) (0xE0 | (c >> 12)), (byte) (0x80 | ((c >> 6) & 0x3F)), (byte) (0x80 | (c & 0x3F))
            };
        }
        return new byte[] {
            (byte) (0xF0 | (c >> 18)),
            (byte) (0x80 | ((c >> 12) & 0x3F)),
            (byte) (0x80 | ((c >> 6) & 0x3F)),
            (byte) (0x80 | (c & 0x3F))
        };
    }
}
