package io.jenkins.plugins.awsrole.engine.sts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Derives the STS {@code RoleSessionName} of one {@code withAwsRole} block.
 *
 * <p>The name ends up in the assumed-role ARN and in every CloudTrail event of the session, so it is built to say
 * where the session came from: {@code <job>@<build>-<block>-<id>}, for example {@code team.app.main@42-7-<id>} for
 * block 7 of build 42 of {@code team/app/main}. AWS accepts only {@code [\w+=,.@-]}, 2 to 64 characters; job names are
 * free text, so the readable part is cleaned up (percent-decoded, accents stripped, {@code /} shown as {@code .},
 * anything else replaced) and shortened when too long. That loses information: {@code team/app/main} and {@code
 * team.app.main}, {@code feature%2Flogin} and {@code feature/login}, {@code my job} and {@code my-job} read the same.
 * Revoking a session denies its name ({@code aws:userid} is {@code <role id>:<session name>}), so two builds sharing a
 * name could revoke each other's sessions, those not yet started included. The {@code <id>} makes every name unique:
 * {@value #ID_LENGTH} base32 characters (65 bits) of the SHA-256 of the exact identity (job full name as Jenkins has
 * it, build number, block id), too many to find a second identity with the same name by trying.
 */
public final class SessionNames {

    /** The shortest session name STS accepts. */
    public static final int MIN_LENGTH = 2;

    /** The longest session name STS accepts. */
    public static final int MAX_LENGTH = 64;

    /** What STS accepts ({@code roleSessionNameType} in the STS API model). */
    public static final Pattern VALID = Pattern.compile("[\\w+=,.@-]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DASH_RUNS = Pattern.compile("-{2,}");
    private static final int HASH_HEX_LENGTH = 8;
    private static final int MAX_BLOCK_LENGTH = 16;
    private static final String FALLBACK_JOB = "job";

    /** The length of the identity's id at the end of each name. */
    public static final int ID_LENGTH = 13;

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private SessionNames() {}

    /**
     * The session name of one block.
     *
     * @param jobFullName the job's full name, as Jenkins shows it ({@code folder/job/branch}); may be empty
     * @param buildNumber the build number, not negative
     * @param blockId what tells this block apart from the others of the same build (for example the id of the step's
     *     flow node); not empty
     * @return a name that STS accepts, {@code <job>@<build>-<block>-<id>}, unique for each (job, build, block)
     * @throws IllegalArgumentException if the build number is negative or the block id is empty
     */
    public static String forBlock(String jobFullName, long buildNumber, String blockId) {
        if (buildNumber < 0) {
            throw new IllegalArgumentException("The build number must not be negative, got " + buildNumber + ".");
        }
        if (blockId == null || blockId.isEmpty()) {
            throw new IllegalArgumentException("A block id is needed to keep the session names of one build apart.");
        }
        String original = Objects.requireNonNullElse(jobFullName, "");
        return withSuffix(
                original, "@" + buildNumber + "-" + blockPart(blockId) + "-" + id(original, buildNumber, blockId));
    }

    /**
     * A name for the build as a whole, {@code <job>@<build>-<id>}, under the same rules (the id of the exact job and
     * build): what the plugin sends as the session's source identity, which AWS keeps across role chaining and shows
     * in CloudTrail.
     *
     * @throws IllegalArgumentException if the build number is negative
     */
    public static String forBuild(String jobFullName, long buildNumber) {
        if (buildNumber < 0) {
            throw new IllegalArgumentException("The build number must not be negative, got " + buildNumber + ".");
        }
        String original = Objects.requireNonNullElse(jobFullName, "");
        return withSuffix(original, "@" + buildNumber + "-" + id(original, buildNumber, null));
    }

    /** The readable job part, cut to what the suffix leaves (uniqueness comes from the id in the suffix). */
    private static String withSuffix(String original, String suffix) {
        String job = clean(original);
        int room = MAX_LENGTH - suffix.length();
        if (job.isEmpty()) {
            job = FALLBACK_JOB;
        } else if (job.length() > room) {
            job = trimSeparators(job.substring(0, room));
            if (job.isEmpty()) {
                job = FALLBACK_JOB;
            }
        }
        return job + suffix;
    }

    /**
     * {@value #ID_LENGTH} base32 characters of the SHA-256 of the exact identity. The identity is written so that no
     * two identities give the same input: the job's length in UTF-16 units, the job's UTF-16 units (every string,
     * unpaired surrogates included, has its own), the build number, and then the block id, if any.
     */
    static String id(String jobFullName, long buildNumber, String blockId) {
        MessageDigest sha256 = sha256();
        sha256.update(units(jobFullName.length() + ":" + jobFullName + ":" + buildNumber));
        if (blockId != null) {
            sha256.update(units(":" + blockId));
        }
        byte[] digest = sha256.digest();
        StringBuilder id = new StringBuilder(ID_LENGTH);
        long bits = 0;
        int available = 0;
        int next = 0;
        while (id.length() < ID_LENGTH) {
            if (available < 5) {
                bits = (bits << 8) | (digest[next++] & 0xFF);
                available += 8;
            }
            available -= 5;
            id.append(BASE32[(int) ((bits >> available) & 0x1F)]);
        }
        return id.toString();
    }

    private static byte[] units(String text) {
        byte[] bytes = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes[2 * i] = (byte) (c >> 8);
            bytes[2 * i + 1] = (byte) c;
        }
        return bytes;
    }

    /** A block id as it may appear in the name: cleaned, and hashed when long, so that it stays unique. */
    private static String blockPart(String blockId) {
        String cleaned = clean(blockId);
        if (cleaned.isEmpty() || cleaned.length() > MAX_BLOCK_LENGTH || !cleaned.equals(blockId)) {
            return hash(blockId);
        }
        return cleaned;
    }

    /** Maps free text onto the session-name alphabet, keeping as much of it readable as possible. */
    static String clean(String text) {
        String decoded = percentDecode(text);
        String plain = COMBINING_MARKS
                .matcher(Normalizer.normalize(decoded, Normalizer.Form.NFKD))
                .replaceAll("");
        StringBuilder out = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '/') {
                out.append('.');
            } else if (isNameChar(c) && c != '@') {
                // '@' is kept for the separator in front of the build number, so the name parses unambiguously.
                out.append(c);
            } else {
                out.append('-');
            }
        }
        return trimSeparators(DASH_RUNS.matcher(out).replaceAll("-"));
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '+'
                || c == '='
                || c == ','
                || c == '.'
                || c == '@'
                || c == '-';
    }

    private static String trimSeparators(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSeparator(s.charAt(start))) {
            start++;
        }
        while (end > start && isSeparator(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '.';
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8 (multibranch projects encode {@code /} in branch names as {@code %2F}),
     * leaving malformed escapes as they are. Unlike {@code URLDecoder}, it never throws and keeps {@code +}.
     */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '%' && isHex(s, i + 1) && isHex(s, i + 2)) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 3;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(s.charAt(i));
            i++;
        }
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static boolean isHex(String s, int index) {
        return index < s.length() && Character.digit(s.charAt(index), 16) >= 0;
    }

    private static String hash(String text) {
        byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_LENGTH);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
