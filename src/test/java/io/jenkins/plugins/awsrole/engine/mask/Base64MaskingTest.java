package io.jenkins.plugins.awsrole.engine.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Secrets printed in base64 ({@code kubectl get secret -o yaml}, {@code base64}, basic authentication headers) are
 * masked at every offset inside a longer text, in both alphabets, by the streaming masker, also when the text arrives
 * in small pieces. The expected hidden stretch is worked out from the encoded text itself, not from the masker's forms.
 */
class Base64MaskingTest {

    private static final String KEY_ID = "ASIAY34FZKBOKMUTVV7A";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzEXAMPLEKEY";
    private static final String SESSION_TOKEN = sessionToken();
    private static final List<String> SECRETS = List.of(KEY_ID, SECRET_KEY, SESSION_TOKEN);
    private static final Masker MASKER = Masker.of(SECRETS);

    /** Like a real session token: base64 of random bytes, with + / and = in it. */
    private static String sessionToken() {
        byte[] bytes = new byte[266];
        new Random(42).nextBytes(bytes);
        return "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void eachSecretsBase64IsMaskedAtOffsetsZeroOneAndTwoInsideALongerText() {
        for (String secret : SECRETS) {
            for (int offset = 0; offset < 3; offset++) {
                for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                    String before = "apiVersion: v1\ndata: ".substring(0, 12 + offset); // 12 is a multiple of 3
                    String plain = before + secret + "\nkind: Secret\n";
                    String encoded = encoder.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
                    String secretPart = secretOnly(encoded, before.length(), secret.length());

                    String masked = MASKER.mask("data:\n  key: " + encoded + "\n");

                    assertThat(masked)
                            .as("offset %d of %s…", offset, secret.substring(0, 4))
                            .contains("****")
                            .doesNotContain(secretPart)
                            .contains(encoded.substring(0, 12)) // the text before the secret stays readable
                            .contains(encoded.substring(encoded.length() - 8));
                    for (int i = 0; i + 8 <= secretPart.length(); i++) {
                        assertThat(masked).doesNotContain(secretPart.substring(i, i + 8));
                    }
                }
            }
        }
    }

    @Test
    void theWholeEncodingOfASecretOnItsOwnIsMaskedToTheLastCharacter() {
        for (String secret : SECRETS) {
            String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));

            assertThat(MASKER.mask(encoded + "\n")).isEqualTo("****\n");
        }
    }

    @Test
    void base64ArrivingInSmallPiecesIsMaskedToo() throws Exception {
        String encoded =
                Base64.getEncoder().encodeToString(("user:" + SECRET_KEY + "@host").getBytes(StandardCharsets.UTF_8));
        byte[] log = ("Authorization: Basic " + encoded + "\n").getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (MaskingOutputStream masking = MASKER.filter(out)) {
            for (int i = 0; i < log.length; i += 3) {
                masking.write(log, i, Math.min(3, log.length - i));
            }
        }

        assertThat(out.toString(StandardCharsets.US_ASCII))
                .contains("****")
                .doesNotContain(secretOnly(encoded, 5, SECRET_KEY.length()));
    }

    /**
     * The characters of {@code encoded} whose 6 bits all come from the secret, which starts {@code start} bytes into
     * the encoded (ASCII) text and is {@code length} bytes long.
     */
    private static String secretOnly(String encoded, int start, int length) {
        int first = (8 * start + 5) / 6;
        int end = 8 * (start + length) / 6;
        return encoded.substring(first, end);
    }
}
