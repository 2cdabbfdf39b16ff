package io.jenkins.plugins.awsrole.benchmarks;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** A generated build log and the secrets in it; the same seed gives the same bytes. */
final class BuildLog {

    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String[] WORDS = {
        "INFO",
        "Building",
        "module",
        "Downloading",
        "from",
        "central",
        "Compiling",
        "source",
        "files",
        "to",
        "target",
        "Tests",
        "run",
        "Failures",
        "Errors",
        "Skipped",
        "upload",
        "s3",
        "bucket",
        "deploy",
        "stack",
        "CREATE_COMPLETE",
        "docker",
        "layer",
        "Pushed",
        "sha256",
        "npm",
        "WARN",
        "deprecated",
        "terraform",
        "apply",
        "aws_iam_role",
        "Still",
        "creating",
        "elapsed",
        "gradle",
        "Task",
        "UP-TO-DATE",
        "the",
        "a",
        "of",
        "and",
        "with",
        "in"
    };

    private BuildLog() {}

    /** An AWS session's key id, secret and token; and for more than three, further sessions and other tokens. */
    static List<String> secrets(int count, Random random) {
        List<String> secrets = new ArrayList<>();
        while (secrets.size() < count) {
            if (secrets.size() % 5 < 3 && secrets.size() + 3 <= count) {
                secrets.add("ASIA" + random(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16));
                secrets.add(random(random, BASE64, 40));
                secrets.add("IQoJb3JpZ2luX2VjE" + random(random, BASE64, 590) + "==");
            } else {
                secrets.add(
                        random.nextBoolean()
                                ? "ghp_" + random(random, BASE64.substring(0, 62), 36)
                                : random(random, BASE64 + "!#%&*-_.", 12 + random.nextInt(20)));
            }
        }
        return secrets;
    }

    static byte[] generate(int size, List<String> secrets, Random random) {
        ByteArrayOutputStream log = new ByteArrayOutputStream(size + 65536);
        StringBuilder line = new StringBuilder(32768);
        while (log.size() < size) {
            line.setLength(0);
            int kind = random.nextInt(100);
            if (kind < 50) {
                words(line, random, 3 + random.nextInt(12));
            } else if (kind < 62) {
                line.append("\u001b[32m[PASS]\u001b[0m test_").append(random.nextInt(100000));
                line.append(" \u001b[1;33m(").append(random.nextInt(999)).append(" ms)\u001b[0m");
            } else if (kind < 72) {
                byte[] payload = new byte[80 + random.nextInt(150)];
                random.nextBytes(payload);
                line.append("\u001b[8mha:").append(Base64.getEncoder().encodeToString(payload));
                line.append("\u001b[0m[Pipeline] sh");
            } else if (kind < 84) {
                line.append("GET https://my-bucket.s3.us-east-1.amazonaws.com/builds/")
                        .append(random.nextInt());
                line.append("/app.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=");
                line.append("ASIA").append(random(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16));
                line.append("%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=");
                line.append(random(random, "0123456789abcdef", 64));
            } else if (kind < 88) {
                // A long line: a compiler command line or a minified JSON document.
                int length = 1000 + random.nextInt(20000);
                while (line.length() < length) {
                    line.append(random.nextBoolean() ? " -I/usr/include/lib" : "{\"id\":")
                            .append(random.nextInt());
                    line.append(random.nextBoolean() ? "," : " ");
                }
            } else {
                line.append("+ ");
                words(line, random, 2 + random.nextInt(6));
            }
            if (random.nextInt(1000) == 0) {
                String secret = secrets.get(random.nextInt(secrets.size()));
                line.append(" value=")
                        .append(
                                switch (random.nextInt(3)) {
                                    case 0 -> secret;
                                    case 1 -> URLEncoder.encode(secret, StandardCharsets.UTF_8);
                                    default -> secret.replace("/", "\\/");
                                });
            }
            line.append('\n');
            log.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = log.toByteArray();
        return bytes.length == size ? bytes : java.util.Arrays.copyOf(bytes, size);
    }

    private static void words(StringBuilder line, Random random, int count) {
        for (int i = 0; i < count; i++) {
            line.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
