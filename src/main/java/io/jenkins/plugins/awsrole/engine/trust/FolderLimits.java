package io.jenkins.plugins.awsrole.engine.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an administrator lets folder mappings grant: roles whose ARN matches one of {@code roleArnPatterns}, or any role
 * of one of {@code accounts}, for sessions of at most {@code maxSessionSeconds}. A folder mapping outside them is
 * refused when its folder's mappings are saved, and again whenever a build asks for it (the limits may have been
 * tightened since, or the mapping written into the folder's {@code config.xml} by hand).
 *
 * <p>With no pattern and no account (the default), folders may map nothing: delegating roles to folders is something an
 * administrator turns on.
 *
 * <p>A role ARN pattern is an ARN with {@code *} (any characters, {@code /} included) and {@code ?} (one character) in
 * the role's name or path only: its partition and account are written out, so that a pattern can never reach another
 * account by accident. Immutable.
 *
 * @param roleArnPatterns patterns of role ARNs folders may map, such as {@code arn:aws:iam::111122223333:role/team-*}
 * @param accounts 12-digit AWS account ids any of whose roles folders may map
 * @param maxSessionSeconds the longest session a folder mapping may give, 900 to 43200
 */
public record FolderLimits(List<String> roleArnPatterns, List<String> accounts, int maxSessionSeconds) {

    /** The longest session a folder mapping may give when the administrator has not said otherwise: one hour. */
    public static final int DEFAULT_MAX_SESSION_SECONDS = TrustMapping.DEFAULT_SESSION_DURATION_SECONDS;

    /** Where an administrator changes the limits; named in every message that asks for a change. */
    public static final String WHERE_TO_CHANGE = "Manage Jenkins > System > AWS OIDC Role > Folder mappings, or JCasC"
            + " unclassified.awsOidcRole.folderRoleArns, folderAccounts and folderMaxSessionSeconds";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROLE_ARN_PATTERN =
            Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):role/[\\w+=,.@/*?-]+");

    public FolderLimits {
        roleArnPatterns = List.copyOf(roleArnPatterns);
        accounts = List.copyOf(accounts);
    }

    /** No limits set: folders may map nothing. */
    public static FolderLimits none() {
        return new FolderLimits(List.of(), List.of(), DEFAULT_MAX_SESSION_SECONDS);
    }

    /** Whether folders may map anything at all. */
    public boolean allowsAny() {
        return !roleArnPatterns.isEmpty() || !accounts.isEmpty();
    }

    /** The limits in a sentence, for the folders' mappings page. */
    public String describe() {
        if (!allowsAny()) {
            return "Folders may map no role yet: an administrator sets the folder limits (" + WHERE_TO_CHANGE + ").";
        }
        return "Folders may map " + allowed() + "; for sessions of at most " + maxSessionSeconds + " seconds.";
    }

    /**
     * Why these role ARN patterns cannot be used, or {@code null} when they can.
     *
     * @return a message naming the first bad pattern and what to write instead
     */
    public static String roleArnPatternsProblem(List<String> patterns) {
        for (String pattern : patterns) {
            if (!ROLE_ARN_PATTERN.matcher(pattern).matches()) {
                return "Role ARN pattern '" + pattern + "' is not a role ARN with wildcards in the role's name or path"
                        + " only. Write it as arn:aws:iam::<12-digit account>:role/<name, with * or ?>, for example"
                        + " arn:aws:iam::111122223333:role/team-*; to let folders map every role of an account, list"
                        + " the account instead.";
            }
        }
        return null;
    }

    /** Why these account ids cannot be used, or {@code null} when they can. */
    public static String accountsProblem(List<String> accounts) {
        for (String account : accounts) {
            if (!ACCOUNT.matcher(account).matches()) {
                return "Account '" + account + "' is not a 12-digit AWS account id. Write the id alone, such as"
                        + " 111122223333.";
            }
        }
        return null;
    }

    /** Why this longest session cannot be used, or {@code null} when it can. */
    public static String maxSessionProblem(int seconds) {
        if (seconds < TrustMappingValidator.MIN_SESSION_SECONDS
                || seconds > TrustMappingValidator.MAX_SESSION_SECONDS) {
            return "The longest session of a folder mapping must be " + TrustMappingValidator.MIN_SESSION_SECONDS
                    + " to " + TrustMappingValidator.MAX_SESSION_SECONDS + " seconds, not " + seconds + ".";
        }
        return null;
    }

    /**
     * What in this folder mapping goes beyond the limits: its role (matching no pattern and in no listed account), its
     * session duration. Errors, one per rule broken; empty when the mapping is within the limits. A mapping whose role
     * ARN cannot be parsed is left to its own validation.
     */
    public List<Problem> check(TrustMapping mapping) {
        List<Problem> problems = new ArrayList<>();
        String stage = mapping.stage().isEmpty() ? null : mapping.stage();
        IamArn role;
        try {
            role = IamArn.parseRole(mapping.roleArn());
        } catch (IllegalArgumentException e) {
            return problems;
        }
        if (!allowsRole(role)) {
            problems.add(new Problem(
                    Problem.Severity.ERROR,
                    stage,
                    MappingField.ROLE_ARN,
                    "Role " + mapping.roleArn() + " is outside what folders may map (" + allowed()
                            + "). Map a role within those limits, or an administrator widens them (" + WHERE_TO_CHANGE
                            + ")."));
        }
        if (mapping.chained()) {
            // A chain's first role hands its credentials to AssumeRole: the chained role would be a second role that
            // the limits do not see, and the first role could be one another mapping gives to its builds.
            problems.add(new Problem(
                    Problem.Severity.ERROR,
                    stage,
                    MappingField.CHAINED_ROLE_ARN,
                    "Folder mappings cannot chain roles: role chaining is for the global mappings. Map a role within"
                            + " the folder limits directly (an administrator may allow the other account's roles,"
                            + " " + WHERE_TO_CHANGE + "), or ask an administrator for a global chained stage."));
        }
        if (!mapping.staticSessionTags().isEmpty()
                || !mapping.transitiveTagKeys().isEmpty()) {
            // Static tags are what a role's policies may trust (aws:PrincipalTag); folder editors must not be able
            // to claim another team's tag values. The plugin's own tags (job, stage, branch) stay on.
            problems.add(new Problem(
                    Problem.Severity.ERROR,
                    stage,
                    mapping.staticSessionTags().isEmpty()
                            ? MappingField.TRANSITIVE_TAG_KEYS
                            : MappingField.STATIC_SESSION_TAGS,
                    "Folder mappings cannot add static session tags or mark transitive keys: a role's policies may"
                            + " trust tag values, and a folder's editors could claim another team's. Remove them;"
                            + " the plugin's own tags (job, build, stage, branch, tag) are still sent with session"
                            + " tags on, or an administrator maps the stage globally."));
        }
        if (mapping.sessionDurationSeconds() > maxSessionSeconds) {
            problems.add(new Problem(
                    Problem.Severity.ERROR,
                    stage,
                    MappingField.SESSION_DURATION,
                    "A session of " + mapping.sessionDurationSeconds() + " seconds is longer than folder mappings"
                            + " may give (" + maxSessionSeconds + " seconds). Shorten it, or an administrator raises"
                            + " the limit (" + WHERE_TO_CHANGE + ")."));
        }
        return problems;
    }

    /** What folders may map, in words: the patterns, the accounts, or nothing. */
    private String allowed() {
        if (!allowsAny()) {
            return "an administrator has allowed folders no role yet";
        }
        List<String> parts = new ArrayList<>();
        if (!roleArnPatterns.isEmpty()) {
            parts.add("role ARNs matching " + String.join(", ", roleArnPatterns));
        }
        if (!accounts.isEmpty()) {
            parts.add("any role of account" + (accounts.size() == 1 ? " " : "s ") + String.join(", ", accounts));
        }
        return String.join("; ", parts);
    }

    private boolean allowsRole(IamArn role) {
        if (accounts.contains(role.account())) {
            return true;
        }
        String arn = role.arn();
        for (String pattern : roleArnPatterns) {
            if (toRegex(pattern).matcher(arn).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
