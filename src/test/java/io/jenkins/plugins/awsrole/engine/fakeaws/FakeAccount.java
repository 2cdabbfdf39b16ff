package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One AWS account of the local AWS server, kept apart from the others the way AWS keeps accounts apart: its own IAM
 * OIDC providers and roles (role names are unique per account only, so two accounts may each have a role
 * {@code deploy}), and IAM calls signed by a session of a role of this account reach only this account's roles.
 * Sessions are global: an access key id names one session, whatever its account.
 *
 * <p>Setup happens through these Java methods, as on {@link FakeAws}, not through IAM calls.
 */
public final class FakeAccount {

    private static final Pattern ID = Pattern.compile("\\d{12}");

    private final String id;
    private final State state;
    /** Provider URL without scheme (as IAM stores it) to its audiences. */
    final Map<String, List<String>> providers = new ConcurrentHashMap<>();
    /** Provider URL without scheme to when it was created ({@code CreateDate} of GetOpenIDConnectProvider). */
    final Map<String, Instant> providerCreateDates = new ConcurrentHashMap<>();
    /** Role name to role. */
    final Map<String, FakeRole> roles = new ConcurrentHashMap<>();

    FakeAccount(String id, State state) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("An AWS account id has 12 digits, got " + id);
        }
        this.id = id;
        this.state = state;
    }

    /** The 12-digit account id. */
    public String id() {
        return id;
    }

    /** {@code arn:aws:iam::<account>:root}, the account as a principal. */
    public String rootArn() {
        return "arn:aws:iam::" + id + ":root";
    }

    /**
     * Registers an IAM OIDC identity provider in this account.
     *
     * @param issuerUrl the issuer exactly as tokens carry it in {@code iss}
     * @param audiences the client IDs (audiences) it accepts
     * @return its ARN, {@code arn:aws:iam::<account>:oidc-provider/<issuer without scheme>}
     */
    public String createOidcProvider(String issuerUrl, String... audiences) {
        if (audiences.length == 0) {
            throw new IllegalArgumentException("An OIDC provider needs at least one audience (client ID).");
        }
        String url = State.withoutScheme(issuerUrl);
        providers.put(url, List.of(audiences));
        providerCreateDates.putIfAbsent(url, state.clock.instant());
        return providerArn(url);
    }

    /** Removes an IAM OIDC identity provider (what {@code DeleteOpenIDConnectProvider} does). */
    public void deleteOidcProvider(String issuerUrl) {
        String url = State.withoutScheme(issuerUrl);
        providers.remove(url);
        providerCreateDates.remove(url);
    }

    /** The ARN of this account's provider for an issuer URL without scheme. */
    String providerArn(String urlWithoutScheme) {
        return "arn:aws:iam::" + id + ":oidc-provider/" + urlWithoutScheme;
    }

    /** Creates a role with a 1-hour maximum session duration. */
    public FakeRole createRole(String name, String trustPolicyJson) {
        return createRole(name, trustPolicyJson, 3600);
    }

    /**
     * Creates a role in this account.
     *
     * @param name the role name, unique in this account
     * @param trustPolicyJson its trust policy
     * @param maxSessionDurationSeconds 3600-43200, as IAM allows
     */
    public FakeRole createRole(String name, String trustPolicyJson, int maxSessionDurationSeconds) {
        if (maxSessionDurationSeconds < 3600 || maxSessionDurationSeconds > 43200) {
            throw new IllegalArgumentException(
                    "MaxSessionDuration must be 3600-43200, got " + maxSessionDurationSeconds);
        }
        Policy.parse(trustPolicyJson);
        FakeRole role = new FakeRole(
                id, name, state.newRoleId(), state.clock.instant(), trustPolicyJson, maxSessionDurationSeconds);
        if (roles.putIfAbsent(name, role) != null) {
            throw new IllegalArgumentException("Role " + name + " exists already in account " + id + ".");
        }
        return role;
    }

    /** The role with this name in this account. */
    public FakeRole role(String name) {
        FakeRole role = roles.get(name);
        if (role == null) {
            throw new IllegalArgumentException("No role " + name + " in account " + id);
        }
        return role;
    }

    /** Gives a role of this account an inline policy directly (test setup; no signature needed). */
    public void putRolePolicy(String roleName, String policyName, String document) {
        Policy.parse(document);
        role(roleName).putInlinePolicy(policyName, document);
    }

    @Override
    public String toString() {
        return "FakeAccount{" + id + "}";
    }
}
