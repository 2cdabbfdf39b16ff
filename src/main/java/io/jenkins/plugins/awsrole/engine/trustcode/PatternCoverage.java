package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether one IAM {@code StringLike} pattern admits everything another does.
 *
 * <p>The test reads the narrower pattern as text and asks whether the wider one matches it, with the wider pattern's
 * {@code *} matching any run of text (wildcards included) and its {@code ?} any one character except a {@code *}.
 * That is sound: when it says "covers", every string the narrower pattern admits is admitted by the wider one. It
 * can answer "does not cover" for exotic pairs that do cover, which only makes the drift check more cautious.
 */
final class PatternCoverage {

    private PatternCoverage() {}

    /** Whether {@code wider} admits every string {@code narrower} admits. */
    static boolean covers(String wider, String narrower) {
        StringBuilder regex = new StringBuilder();
        for (char c : wider.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append("[^*]");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL)
                .matcher(narrower)
                .matches();
    }

    /** Whether some pattern of {@code wider} covers {@code narrower}. */
    static boolean coveredByAny(List<String> wider, String narrower) {
        return wider.stream().anyMatch(w -> covers(w, narrower));
    }
}
