package io.jenkins.plugins.awsrole.engine.mask;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Objects;

/**
 * How secrets are masked: the serializable description from which a {@link Masker} is rebuilt wherever the log is
 * written, on the controller or on an agent.
 *
 * <p><strong>It holds no secret, on purpose.</strong> The secrets travel next to it, and {@link #compile(Collection)}
 * takes them as plain strings. Whoever ships the rules to an agent therefore decides how the secrets travel: the
 * Jenkins layer keeps them as {@code hudson.util.Secret}, which Jenkins encrypts whenever it serializes or persists them,
 * and unwraps them only to call {@code compile}. Had this class carried the strings, serializing it (for example as a
 * field of a console filter stored in a Pipeline program) would have written them in clear, out of that wrapper's
 * reach. {@link Masker} and {@link MaskingOutputStream}, which do hold the secrets, are deliberately not serializable.
 *
 * <p>What is masked is described in {@link SecretForms}; secrets shorter than {@link #MINIMUM_SECRET_BYTES} are refused.
 */
public final class MaskRules implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The shortest secret accepted, in UTF-8 bytes. Shorter values are too likely to occur in ordinary text: masking
     * them would hide innocent words and could land inside the base64 payload of a Jenkins console note.
     */
    public static final int MINIMUM_SECRET_BYTES = 8;

    /** What a secret is replaced with, unless configured otherwise. */
    public static final String DEFAULT_REPLACEMENT = "****";

    private static final int MAX_REPLACEMENT_LENGTH = 64;

    private static final MaskRules STANDARD = new MaskRules(DEFAULT_REPLACEMENT);

    private final String replacement;

    private MaskRules(String replacement) {
        this.replacement = replacement;
    }

    /**
     * The rules the plugin uses: every form of {@link SecretForms}, replaced with {@value #DEFAULT_REPLACEMENT}.
     *
     * @return the standard rules
     */
    public static MaskRules standard() {
        return STANDARD;
    }

    /**
     * The same rules with another replacement text.
     *
     * @param replacement what each masked occurrence becomes; 1 to 64 characters
     * @return new rules
     * @throws IllegalArgumentException if the replacement is empty or too long
     */
    public MaskRules withReplacement(String replacement) {
        Objects.requireNonNull(replacement, "replacement");
        if (replacement.isEmpty() || replacement.length() > MAX_REPLACEMENT_LENGTH) {
            throw new IllegalArgumentException("The replacement for masked secrets must be 1 to "
                    + MAX_REPLACEMENT_LENGTH + " characters long, got " + replacement.length() + ".");
        }
        return new MaskRules(replacement);
    }

    /**
     * What each masked occurrence becomes.
     *
     * @return the replacement text
     */
    public String replacement() {
        return replacement;
    }

    /**
     * Builds the masker for a set of secrets.
     *
     * @param secrets the secrets to mask; may be empty
     * @return a masker for every form of every secret
     * @throws IllegalArgumentException if a secret is shorter than {@link #MINIMUM_SECRET_BYTES} UTF-8 bytes; the
     *     message names its position, never its value
     */
    public Masker compile(Collection<String> secrets) {
        return Masker.compile(this, secrets);
    }

    byte[] replacementBytes() {
        return replacement.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskRules other && replacement.equals(other.replacement);
    }

    @Override
    public int hashCode() {
        return replacement.hashCode();
    }

    @Override
    public String toString() {
        return "MaskRules[replacement=" + replacement + ", minimumSecretBytes=" + MINIMUM_SECRET_BYTES + "]";
    }
}
