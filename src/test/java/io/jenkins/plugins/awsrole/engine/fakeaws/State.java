package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the local AWS account holds: OIDC providers, roles, issued sessions; and how ids are made. */
final class State {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    final FakeClock clock;
    final IssuerKeys keys = new IssuerKeys();
    /** Provider URL without scheme (as IAM stores it) to its audiences. */
    final Map<String, List<String>> providers = new ConcurrentHashMap<>();
    /** Provider URL without scheme to when it was created ({@code CreateDate} of GetOpenIDConnectProvider). */
    final Map<String, java.time.Instant> providerCreateDates = new ConcurrentHashMap<>();

    final Map<String, FakeRole> roles = new ConcurrentHashMap<>();
    /** Access key id to session, in issue order. */
    final Map<String, IssuedSession> sessions = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    volatile Duration maxTokenAge = Duration.ofDays(1);
    private final SecureRandom random = new SecureRandom();

    State(FakeClock clock) {
        this.clock = clock;
    }

    static String withoutScheme(String url) {
        return url.replaceFirst("^https?://", "");
    }

    static String providerArn(String urlWithoutScheme) {
        return "arn:aws:iam::" + FakeAws.ACCOUNT + ":oidc-provider/" + urlWithoutScheme;
    }

    String createProvider(String issuerUrl, List<String> audiences) {
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("An OIDC provider needs at least one audience (client ID).");
        }
        String url = withoutScheme(issuerUrl);
        providers.put(url, List.copyOf(audiences));
        providerCreateDates.putIfAbsent(url, clock.instant());
        return providerArn(url);
    }

    FakeRole createRole(String name, String trustPolicy, int maxSessionDuration) {
        if (maxSessionDuration < 3600 || maxSessionDuration > 43200) {
            throw new IllegalArgumentException("MaxSessionDuration must be 3600-43200, got " + maxSessionDuration);
        }
        Policy.parse(trustPolicy);
        FakeRole role = new FakeRole(
                FakeAws.ACCOUNT, name, "AROA" + randomOf(BASE32, 17), clock.instant(), trustPolicy, maxSessionDuration);
        if (roles.putIfAbsent(name, role) != null) {
            throw new IllegalArgumentException("Role " + name + " exists already.");
        }
        return role;
    }

    FakeRole roleByArn(String arn) {
        for (FakeRole role : roles.values()) {
            if (role.arn().equals(arn)) {
                return role;
            }
        }
        return null;
    }

    String newAccessKeyId() {
        return "ASIA" + randomOf(BASE32, 16);
    }

    String newSecretAccessKey() {
        return randomOf(SECRET_CHARS, 40);
    }

    String newSessionToken() {
        byte[] bytes = new byte[266];
        random.nextBytes(bytes);
        return "FwoGZXIvYXdzE" + Base64.getEncoder().encodeToString(bytes);
    }

    private String randomOf(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
