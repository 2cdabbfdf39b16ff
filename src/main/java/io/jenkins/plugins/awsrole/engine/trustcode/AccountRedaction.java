package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.regex.Pattern;

/**
 * Takes AWS account ids out of a text that goes where non-administrators read it (a build log): in ARNs
 * ({@code arn:aws:iam::123456789012:role/deploy} becomes {@code arn:aws:iam::<account>:role/deploy}) and on their own.
 * The role's name stays, so that a finding can still be told apart.
 */
public final class AccountRedaction {

    /** What stands for an account id. */
    public static final String ACCOUNT = "<account>";

    private static final Pattern ACCOUNT_ID = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");

    private AccountRedaction() {}

    /** The text with every 12-digit account id replaced by {@value #ACCOUNT}; {@code null} stays {@code null}. */
    public static String redact(String text) {
        return text == null ? null : ACCOUNT_ID.matcher(text).replaceAll(ACCOUNT);
    }
}
