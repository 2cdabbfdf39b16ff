package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the local AWS server holds: its accounts (each with OIDC providers and roles), the sessions issued in any of
 * them, and how ids are made.
 */
final class State {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    final FakeClock clock;
    final IssuerKeys keys = new IssuerKeys();
    /** Account id to account; made on first use. */
    private final Map<String, FakeAccount> accounts = new ConcurrentHashMap<>();
    /** Access key id to session, in issue order; access key ids are unique across accounts. */
    final Map<String, IssuedSession> sessions = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    volatile Duration maxTokenAge = Duration.ofDays(1);
    private final SecureRandom random = new SecureRandom();

    State(FakeClock clock) {
        this.clock = clock;
    }

    static String withoutScheme(String url) {
        return url.replaceFirst("^https?://", "");
    }

    /** The account with this 12-digit id, made empty on first use. */
    FakeAccount account(String id) {
        return accounts.computeIfAbsent(id, a -> new FakeAccount(a, this));
    }

    /**
     * The account a role ARN names ({@code arn:aws:iam::<account>:role/...}), or {@code null} when the ARN names
     * none.
     */
    FakeAccount accountOf(String roleArn) {
        String[] fields = roleArn == null ? new String[0] : roleArn.split(":", 6);
        return fields.length == 6 && fields[4].matches("\\d{12}") ? account(fields[4]) : null;
    }

    /** The role an ARN names, in the account the ARN names; {@code null} when there is none. */
    FakeRole roleByArn(String arn) {
        FakeAccount account = accountOf(arn);
        if (account == null) {
            return null;
        }
        for (FakeRole role : account.roles.values()) {
            if (role.arn().equals(arn)) {
                return role;
            }
        }
        return null;
    }

    String newRoleId() {
        return "AROA" + randomOf(BASE32, 17);
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
