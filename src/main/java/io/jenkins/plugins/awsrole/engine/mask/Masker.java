package io.jenkins.plugins.awsrole.engine.mask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A compiled, immutable set of secrets to mask; thread-safe. It masks byte streams ({@link #filter(OutputStream)}) and,
 * for convenience, whole byte arrays and strings.
 *
 * <p><strong>What is replaced.</strong> Every occurrence of every {@linkplain SecretForms form} of every secret, matched
 * as UTF-8 bytes. Occurrences that overlap are merged and replaced once, so where one secret is a prefix or part of
 * another, the longest stretch is hidden; occurrences that merely touch are replaced one by one.
 *
 * <p><strong>UTF-8.</strong> Secrets are compared with the log's bytes as UTF-8. A secret with non-ASCII characters is
 * therefore only found in a log written in UTF-8 (or as JSON {@code \}{@code uxxxx} escapes); a log in another charset,
 * or text that spells the same characters in another Unicode normalization form, does not match. ASCII secrets, which
 * AWS credentials are, match in every ASCII-compatible charset.
 *
 * <p>Not serializable, because it holds the secrets in clear: ship a {@link MaskRules} and the secrets instead.
 */
public final class Masker {

    private final MaskRules rules;
    private final List<String> secrets;
    private final PatternAutomaton automaton;
    private final byte[] replacement;

    private Masker(MaskRules rules, List<String> secrets, PatternAutomaton automaton) {
        this.rules = rules;
        this.secrets = secrets;
        this.automaton = automaton;
        this.replacement = rules.replacementBytes();
    }

    /**
     * A masker with the {@linkplain MaskRules#standard() standard rules}.
     *
     * @param secrets the secrets to mask
     * @return the masker
     * @throws IllegalArgumentException if a secret is shorter than {@link MaskRules#MINIMUM_SECRET_BYTES}
     */
    public static Masker of(Collection<String> secrets) {
        return MaskRules.standard().compile(secrets);
    }

    static Masker compile(MaskRules rules, Collection<String> secrets) {
        List<String> copy = validated(secrets);
        List<byte[]> patterns = new ArrayList<>();
        for (String secret : copy) {
            patterns.addAll(SecretForms.of(secret));
        }
        return new Masker(rules, Collections.unmodifiableList(copy), PatternAutomaton.compile(patterns));
    }

    /** The secrets, each checked; a refusal names the secret by its position in {@code secrets}, never by value. */
    private static List<String> validated(Collection<String> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        List<String> copy = new ArrayList<>(secrets.size());
        int index = 0;
        for (String secret : secrets) {
            index++;
            if (secret == null) {
                throw new IllegalArgumentException("Secret " + index + " of " + secrets.size() + " is null.");
            }
            int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < MaskRules.MINIMUM_SECRET_BYTES) {
                // Never the value: the message ends up in logs.
                throw new IllegalArgumentException("Secret " + index + " of " + secrets.size() + " is " + bytes
                        + " bytes long; secrets shorter than " + MaskRules.MINIMUM_SECRET_BYTES
                        + " bytes (UTF-8) cannot be masked reliably, so they are refused and NOT masked."
                        + " Use a longer secret or keep it out of the build log.");
            }
            copy.add(secret);
        }
        return copy;
    }

    /**
     * This masker with more secrets.
     *
     * @param more further secrets; the same rules apply
     * @return a new masker for the secrets of this one and {@code more}
     * @throws IllegalArgumentException if one of {@code more} is too short
     */
    public Masker plus(Collection<String> more) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(validated(more)); // refusals count positions in more, as the caller knows them
        return compile(rules, all);
    }

    /**
     * A stream that masks everything written to it and passes the result on to {@code out}.
     *
     * @param out where the masked bytes go
     * @return the masking stream; closing it closes {@code out}
     */
    public MaskingOutputStream filter(OutputStream out) {
        return new MaskingOutputStream(out, this);
    }

    /**
     * Masks a complete byte array.
     *
     * @param log the bytes
     * @return the masked bytes
     */
    public byte[] mask(byte[] log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(log.length);
        try (MaskingOutputStream masking = filter(out)) {
            masking.write(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    /**
     * Masks a string, as UTF-8.
     *
     * @param text the text
     * @return the masked text
     */
    public String mask(String text) {
        return new String(mask(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * The rules this masker was built with.
     *
     * @return the rules
     */
    public MaskRules rules() {
        return rules;
    }

    /**
     * How many secrets are masked.
     *
     * @return the number of secrets
     */
    public int secretCount() {
        return secrets.size();
    }

    /**
     * How many byte patterns (all forms of all secrets) are searched for.
     *
     * @return the number of patterns
     */
    public int patternCount() {
        return automaton.patternCount;
    }

    /**
     * The length of the longest pattern; a masking stream holds back less than this.
     *
     * @return the length in bytes, 0 without secrets
     */
    public int longestPattern() {
        return automaton.maxLength;
    }

    PatternAutomaton automaton() {
        return automaton;
    }

    byte[] replacement() {
        return replacement;
    }

    @Override
    public String toString() {
        return "Masker[" + secrets.size() + " secrets, " + automaton.patternCount + " patterns]";
    }
}
