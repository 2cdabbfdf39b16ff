package io.jenkins.plugins.awsrole.engine.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretFormsTest {

    private static final String SECRET = "wJalr+XUtn/FEMI=K7 MDENG*b~";

    private static List<String> forms(String secret) {
        return SecretForms.of(secret).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void rawFormComesFirst() {
        assertThat(forms(SECRET).get(0)).isEqualTo(SECRET);
    }

    @Test
    void whatJavasUrlEncoderWritesIsAForm() {
        assertThat(forms(SECRET)).contains(URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
    }

    @Test
    void percentEncodingInBothHexCasesAndWithSlashKept() {
        assertThat(forms(SECRET))
                .contains(
                        "wJalr%2BXUtn%2FFEMI%3DK7%20MDENG%2Ab~",
                        "wJalr%2bXUtn%2fFEMI%3dK7%20MDENG%2ab~",
                        "wJalr%2BXUtn/FEMI%3DK7%20MDENG%2Ab~",
                        "wJalr%2BXUtn%2FFEMI%3DK7%20MDENG*b~", // encodeURIComponent
                        "wJalr%2BXUtn%2FFEMI%3DK7+MDENG%2Ab~"); // Python quote_plus
    }

    @Test
    void jsonEscapesAsCommonEncodersWriteThem() {
        assertThat(forms("ab\"c\\d/e=f\u0001g<h"))
                .contains(
                        "ab\\\"c\\\\d/e=f\\u0001g<h",
                        "ab\\\"c\\\\d\\/e=f\\u0001g<h",
                        "ab\\\"c\\\\d/e\\u003df\\u0001g\\u003ch",
                        "ab\\\"c\\\\d/e=f\\u0001g\\u003ch");
        assertThat(forms("tab\there\u001f")).contains("tab\\there\\u001f", "tab\\there\\u001F");
        assertThat(forms("caf\u00e9-\uD83D\uDE00")).contains("caf\\u00e9-\\ud83d\\ude00", "caf\\u00E9-\\uD83D\\uDE00");
    }

    @Test
    void noEscapeThatNoCommonEncoderWrites() {
        assertThat(forms("abc+defg")).noneMatch(f -> f.contains("\\u002b") || f.contains("\\u002B"));
    }

    @Test
    void aSecretWithNothingToEncodeHasOneFormBesidesItsBase64() {
        String secret = "ASIAXAMPLE7KEYID1234";
        String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.US_ASCII));
        assertThat(forms(secret))
                .startsWith(secret)
                .doesNotHaveDuplicates()
                .filteredOn(f -> !base64Form(secret, f))
                .containsExactly(secret);
        assertThat(forms(secret)).contains(base64);
    }

    /** Whether a form is a stretch of the secret's base64, at some alignment, in either alphabet. */
    private static boolean base64Form(String secret, String form) {
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        if (Base64.getEncoder().encodeToString(raw).equals(form)) {
            return true;
        }
        for (String prefix : new String[] {"", "a", "aa"}) {
            byte[] framed = (prefix + secret + "zz").getBytes(StandardCharsets.UTF_8);
            if (Base64.getEncoder().encodeToString(framed).contains(form)
                    || Base64.getUrlEncoder().encodeToString(framed).contains(form)) {
                return raw.length > 0;
            }
        }
        return false;
    }
}
