package io.jenkins.plugins.awsrole.engine.trust;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed IAM role or managed policy ARN: {@code arn:<partition>:iam::<account>:<type>/<path/><name>}.
 *
 * <p>The rules are IAM's: the account is 12 digits (or {@code aws} for an AWS managed policy); a path is {@code /} or
 * {@code /…/} of printable ASCII, at most 512 characters; a role name is 1-64 and a policy name 1-128 characters of
 * letters, digits and {@code _ + = , . @ -}. Parsing failures say what is wrong and what a correct ARN looks like.
 *
 * @param partition the partition
 * @param account the 12-digit account id, or {@code aws} for AWS managed policies
 * @param type {@code role} or {@code policy}
 * @param path the path, {@code /} when there is none
 * @param name the role or policy name
 */
public record IamArn(AwsPartition partition, String account, String type, String path, String name) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern NAME_CHARS = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH_CHARS = Pattern.compile("[\\x21-\\x7E]*");
    private static final int MAX_PATH = 512;

    /** The ARN as AWS writes it. */
    public String arn() {
        return "arn:" + partition.id() + ":iam::" + account + ":" + type + path + name;
    }

    /**
     * Whether two ARNs name the same role or policy: IAM names are unique per account whatever the path, and role
     * names are case-insensitive ({@code Deploy} and {@code deploy} cannot both exist).
     */
    public boolean sameEntity(IamArn other) {
        return partition == other.partition
                && account.equals(other.account)
                && type.equals(other.type)
                && name.toLowerCase(Locale.ROOT).equals(other.name.toLowerCase(Locale.ROOT));
    }

    /**
     * Parses a role ARN such as {@code arn:aws:iam::123456789012:role/ci/deploy}.
     *
     * @throws IllegalArgumentException saying what to fix
     */
    public static IamArn parseRole(String text) {
        return parse(text, "role", 64, false);
    }

    /**
     * Parses a managed policy ARN such as {@code arn:aws:iam::aws:policy/ReadOnlyAccess}.
     *
     * @throws IllegalArgumentException saying what to fix
     */
    public static IamArn parsePolicy(String text) {
        return parse(text, "policy", 128, true);
    }

    private static IamArn parse(String text, String type, int maxName, boolean awsAccountAllowed) {
        String example = "role".equals(type)
                ? "arn:aws:iam::123456789012:role/deploy"
                : "arn:aws:iam::aws:policy/ReadOnlyAccess or arn:aws:iam::123456789012:policy/deploy-site";
        if (text == null || text.isBlank()) {
            throw bad("The " + type + " ARN is empty. Give the " + type + "'s ARN, for example " + example + ".");
        }
        if (!text.strip().equals(text)) {
            throw bad("'" + text + "' starts or ends with a space. Remove the space.");
        }
        if (!text.startsWith("arn:")) {
            throw bad("'" + text + "' is not an ARN. Give the full ARN, for example " + example
                    + " (the console shows it on the " + type + "'s summary page).");
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6) {
            throw bad("'" + text + "' has too few parts. An IAM " + type + " ARN looks like " + example + ".");
        }
        AwsPartition partition = AwsPartition.ofId(parts[1])
                .orElseThrow(() -> bad("'" + text + "' names partition '" + parts[1] + "'. Use one of "
                        + AwsPartition.allIds() + "."));
        if ("sts".equals(parts[2]) && parts[5].startsWith("assumed-role/")) {
            throw bad("'" + text + "' is the ARN of a role session, not of a role. Use the role's ARN: " + "arn:"
                    + parts[1] + ":iam::" + parts[4] + ":role/" + sessionRoleName(parts[5]) + ".");
        }
        if (!"iam".equals(parts[2])) {
            throw bad("'" + text + "' is an ARN of service '" + parts[2] + "', not of IAM. An IAM " + type
                    + " ARN looks like " + example + ".");
        }
        if (!parts[3].isEmpty()) {
            throw bad("'" + text + "' names region '" + parts[3] + "', but IAM ARNs have none: write '" + "arn:"
                    + parts[1] + ":iam::" + parts[4] + ":" + parts[5] + "'.");
        }
        String account = parts[4];
        boolean awsManaged = awsAccountAllowed && "aws".equals(account);
        if (!awsManaged && !ACCOUNT.matcher(account).matches()) {
            throw bad("'" + text + "' has account '" + account + "'. The account id is 12 digits"
                    + (awsAccountAllowed ? " (or 'aws' for an AWS managed policy)." : "."));
        }
        String resource = parts[5];
        String prefix = type + "/";
        if (!resource.startsWith(prefix)) {
            String actual = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
            throw bad("'" + text + "' names a '" + actual + "', not a " + type + ". An IAM " + type + " ARN looks like "
                    + example + ".");
        }
        String pathAndName = resource.substring(type.length());
        int lastSlash = pathAndName.lastIndexOf('/');
        String path = pathAndName.substring(0, lastSlash + 1);
        String name = pathAndName.substring(lastSlash + 1);
        if (name.isEmpty()) {
            throw bad("'" + text + "' has no " + type + " name after the last '/'. Add the name, for example " + example
                    + ".");
        }
        if (name.length() > maxName) {
            throw bad("'" + text + "' has a " + type + " name of " + name.length() + " characters. IAM allows "
                    + maxName + " at most.");
        }
        if (!NAME_CHARS.matcher(name).matches()) {
            throw bad("'" + text + "' has " + type + " name '" + name + "', which contains '" + firstOffending(name)
                    + "'. IAM names use only letters, digits and _ + = , . @ -.");
        }
        if (path.length() > MAX_PATH) {
            throw bad("'" + text + "' has a path of " + path.length() + " characters. IAM allows " + MAX_PATH
                    + " at most.");
        }
        if (path.contains("//") || !PATH_CHARS.matcher(path).matches()) {
            throw bad("'" + text + "' has path '" + path + "'. A path is '/' or '/segment/…/' of printable ASCII"
                    + " characters without spaces or empty segments.");
        }
        return new IamArn(partition, account, type, path, name);
    }

    private static String sessionRoleName(String assumedRole) {
        String[] segments = assumedRole.split("/");
        return segments.length > 1 ? segments[1] : "<role name>";
    }

    private static String firstOffending(String name) {
        for (int i = 0; i < name.length(); i++) {
            String c = name.substring(i, i + 1);
            if (!NAME_CHARS.matcher(c).matches()) {
                return c;
            }
        }
        return "";
    }

    private static IllegalArgumentException bad(String detail) {
        return new IllegalArgumentException(detail);
    }

    @Override
    public String toString() {
        return arn();
    }
}
