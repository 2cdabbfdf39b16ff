package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.util.Secret;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The environment of one {@code withAwsRole} block: the role session's credentials as the variables the AWS CLI and
 * SDKs read, with the variables that would make them pick other credentials removed.
 *
 * <p>Inside the block it sets {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN},
 * {@code AWS_CREDENTIAL_EXPIRATION} (ISO-8601, UTC) and, when a region is given, {@code AWS_REGION} and
 * {@code AWS_DEFAULT_REGION}; it removes {@code AWS_PROFILE}, {@code AWS_WEB_IDENTITY_TOKEN_FILE} and
 * {@code AWS_ROLE_ARN}. The three credential variables are reported as sensitive, so Pipeline keeps their values out
 * of stored step arguments and warns about Groovy string interpolation of them.
 *
 * <p>Pipeline stores this object in {@code program.dat}. The credentials are therefore held only as {@link Secret},
 * which workflow-support writes there encrypted; no field holds them as a {@code String}. {@link #clear()} drops them
 * when the block ends: from then on {@link #expand} removes the credential variables instead of setting them, so
 * nothing that still sees this expander can use the session.
 *
 * <p>{@link #plan()} is the whole decision, as plain data; {@link #expand} only applies it.
 */
public final class AwsEnvironment extends EnvironmentExpander {

    private static final long serialVersionUID = 1L;

    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    public static final String CREDENTIAL_EXPIRATION = "AWS_CREDENTIAL_EXPIRATION";
    public static final String REGION = "AWS_REGION";
    public static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";

    /** Variables that would send the AWS CLI and SDKs to other credentials than the block's. */
    static final List<String> CONFLICTING = List.of("AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN");

    static final List<String> CREDENTIALS =
            List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, CREDENTIAL_EXPIRATION);

    private static final Set<String> SENSITIVE = Set.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN);

    /** The session's credentials; {@code null} once {@link #clear()} has run. */
    @CheckForNull
    private volatile SessionCredentials credentials;

    /**
     * Credentials of sessions this block had before a renewal: no longer set, still masked. Replaced, never changed in
     * place (copy on write), so readers need no lock; a concrete serializable type, as Pipeline stores it.
     */
    private volatile ArrayList<Secret> retired = new ArrayList<>();

    /** Not a secret. {@code null} leaves the region variables as they are. */
    @CheckForNull
    private final String region;

    AwsEnvironment(
            @NonNull Secret accessKeyId,
            @NonNull Secret secretAccessKey,
            @NonNull Secret sessionToken,
            @NonNull Instant expiration,
            @CheckForNull String region) {
        this.credentials = new SessionCredentials(
                Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(secretAccessKey, "secretAccessKey"),
                Objects.requireNonNull(sessionToken, "sessionToken"),
                Objects.requireNonNull(expiration, "expiration"));
        this.region = region == null || region.isBlank() ? null : region.strip();
    }

    /**
     * The environment for a role session.
     *
     * @param accessKeyId the session's access key id
     * @param secretAccessKey the session's secret access key
     * @param sessionToken the session token
     * @param expiration when the session expires
     * @param region the AWS region for {@code AWS_REGION} and {@code AWS_DEFAULT_REGION}, or {@code null} (or blank) to
     *     leave those variables as the build has them
     * @throws IllegalArgumentException when a credential is missing or blank (the message never contains a value)
     */
    public static @NonNull AwsEnvironment of(
            String accessKeyId,
            String secretAccessKey,
            String sessionToken,
            Instant expiration,
            @CheckForNull String region) {
        requirePresent(accessKeyId, ACCESS_KEY_ID);
        requirePresent(secretAccessKey, SECRET_ACCESS_KEY);
        requirePresent(sessionToken, SESSION_TOKEN);
        if (expiration == null) {
            throw new IllegalArgumentException("The AWS session has no expiration time; STS always sends one.");
        }
        return new AwsEnvironment(
                Secret.fromString(accessKeyId),
                Secret.fromString(secretAccessKey),
                Secret.fromString(sessionToken),
                expiration,
                region);
    }

    private static void requirePresent(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "The AWS session has no value for " + variable + "; STS always sends one.");
        }
    }

    @Override
    public void expand(@NonNull EnvVars env) {
        plan().applyTo(env);
    }

    /** What {@link #expand} does now. It holds the secrets in clear: apply it and let it go, never keep or log it. */
    @NonNull
    Plan plan() {
        SessionCredentials current = credentials;
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new LinkedHashSet<>(CONFLICTING);
        if (current == null) {
            remove.addAll(CREDENTIALS);
        } else {
            set.put(ACCESS_KEY_ID, current.accessKeyId.getPlainText());
            set.put(SECRET_ACCESS_KEY, current.secretAccessKey.getPlainText());
            set.put(SESSION_TOKEN, current.sessionToken.getPlainText());
            set.put(CREDENTIAL_EXPIRATION, formatExpiration(current.expiration));
            if (region != null) {
                set.put(REGION, region);
                set.put(DEFAULT_REGION, region);
            }
        }
        return new Plan(set, remove);
    }

    /** ISO-8601 in UTC to the second, as the AWS CLI and SDKs parse {@code AWS_CREDENTIAL_EXPIRATION}. */
    static String formatExpiration(Instant expiration) {
        return expiration.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The names of the variables that hold secrets, whether or not the credentials are still here. */
    @NonNull
    @Override
    public Set<String> getSensitiveVariables() {
        return SENSITIVE;
    }

    /**
     * Drops the credentials: from now on {@link #expand} removes the credential variables instead of setting them.
     * Final: a later {@link #renew} does not bring credentials back.
     */
    public synchronized void clear() {
        credentials = null;
    }

    /**
     * Replaces the credentials with those of a fresh session (before the old one runs out, or after a controller
     * restart): steps started from now on see them, and the block's masking filter, which reads {@link #secrets()},
     * masks them and the old ones. Readers need no lock: the old secrets join {@code retired} before the new
     * credentials are published, and each field is one volatile snapshot.
     *
     * @return {@code false}, changing nothing, when the environment was cleared (the block has ended)
     */
    synchronized boolean renew(
            @NonNull Secret accessKeyId,
            @NonNull Secret secretAccessKey,
            @NonNull Secret sessionToken,
            @NonNull Instant expiration) {
        SessionCredentials old = credentials;
        if (old == null) {
            return false;
        }
        ArrayList<Secret> all = new ArrayList<>(retired);
        all.addAll(List.of(old.accessKeyId, old.secretAccessKey, old.sessionToken));
        retired = all;
        credentials = new SessionCredentials(
                Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(secretAccessKey, "secretAccessKey"),
                Objects.requireNonNull(sessionToken, "sessionToken"),
                Objects.requireNonNull(expiration, "expiration"));
        return true;
    }

    /** The secrets to mask, still wrapped: the current credentials (none once cleared) and those renewed away. */
    @NonNull
    List<Secret> secrets() {
        SessionCredentials current = credentials;
        List<Secret> all = new ArrayList<>(retired);
        if (current != null) {
            all.addAll(List.of(current.accessKeyId, current.secretAccessKey, current.sessionToken));
        }
        return all;
    }

    /** Whether {@link #clear()} has run. */
    public boolean isCleared() {
        return credentials == null;
    }

    /** When the session expires, or {@code null} once cleared. */
    @CheckForNull
    public Instant getExpiration() {
        SessionCredentials current = credentials;
        return current == null ? null : current.expiration;
    }

    @Override
    public String toString() {
        SessionCredentials current = credentials;
        return current == null
                ? "AwsEnvironment[cleared]"
                : "AwsEnvironment[expires " + formatExpiration(current.expiration)
                        + (region == null ? "" : ", region " + region) + "]";
    }

    /**
     * The variables to set and the variables to remove. Applying it to a Jenkins {@link EnvVars} removes names
     * case-insensitively ({@code EnvVars} is a {@code TreeMap} ordered by {@code String.CASE_INSENSITIVE_ORDER}) and
     * then binds each removed name to the empty string. The empty value is what removes it from the process too: the
     * launcher starts a step's process from the agent's own environment overridden by these variables
     * ({@code Launcher.inherit}: {@code EnvVars.overrideExpandingAll}), and an override with an empty value deletes
     * the variable, so an {@code AWS_PROFILE} set in the agent's operating system does not reach the block either.
     */
    record Plan(Map<String, String> set, Set<String> remove) {

        Plan {
            set = Map.copyOf(set);
            remove = Set.copyOf(remove);
        }

        void applyTo(Map<String, String> env) {
            for (String name : remove) {
                env.remove(name);
                env.put(name, "");
            }
            set.forEach(env::put);
        }

        /** Names only: the values are secrets. */
        @Override
        public String toString() {
            return "Plan[set " + new ArrayList<>(set.keySet()) + ", remove " + remove + "]";
        }
    }

    /** One immutable snapshot, so that {@link #clear()} drops all of it at once. */
    private static final class SessionCredentials implements Serializable {
        private static final long serialVersionUID = 1L;

        private final Secret accessKeyId;
        private final Secret secretAccessKey;
        private final Secret sessionToken;
        private final Instant expiration;

        SessionCredentials(Secret accessKeyId, Secret secretAccessKey, Secret sessionToken, Instant expiration) {
            this.accessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            this.sessionToken = sessionToken;
            this.expiration = expiration;
        }
    }
}
