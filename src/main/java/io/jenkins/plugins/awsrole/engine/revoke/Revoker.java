package io.jenkins.plugins.awsrole.engine.revoke;

import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.trust.AwsPartition;
import io.jenkins.plugins.awsrole.engine.trust.IamArn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.iam.model.LimitExceededException;

/**
 * Revokes single role sessions by writing their {@code aws:userid} into the Deny policy {@value
 * RevocationPolicy#POLICY_NAME} on their role, through IAM, signed with the revoker role's credentials. Each entry is
 * bounded by the session's issue time, so that it never reaches a later session of the same name.
 *
 * <p>Each revocation is a read-modify-write ({@code GetRolePolicy}, add the entry and prune expired ones, {@code
 * PutRolePolicy}), then a read-back to check that the session is denied. IAM offers no version check for inline
 * policies, so:
 *
 * <ul>
 *   <li>revocations of one role are serialized on this controller (a lock per role ARN);
 *   <li>every write carries along every still-live session this controller has revoked on the role, so that a stale
 *       read (IAM is eventually consistent) or another writer cannot silently drop an earlier entry of ours;
 *   <li>throttling, {@code ConcurrentModification}, 5xx, network failures and a read-back without the entry are
 *       retried with backoff and jitter, bounded by {@link RevokerSettings#retryPolicy()}.
 * </ul>
 *
 * <p>When the entries no longer fit, in the plugin's size limit or in IAM's (other inline policies of the role count
 * against it too, and IAM then answers {@code LimitExceeded}), the revocation does not fail: it falls back to AWS's
 * role-wide cut-off ({@link RevocationPolicy#fittedByCutOff}), which denies every session of the role issued before a
 * time just after the revoked session's issue time, and says so in its result ({@link
 * RevocationResult.Status#REVOKED_ROLE_WIDE}).
 *
 * <p>{@link #revoke(String, String, Instant, Instant)} never throws for AWS failures: it returns a {@link
 * RevocationResult} whose message says what to fix. Thread-safe; one revoker serves the controller. {@link #close()}
 * releases the HTTP connections.
 */
public final class Revoker implements AutoCloseable {

    private final AwsCredentialsProvider credentials;
    private final RevokerSettings settings;
    private final RetryPolicy.Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final SdkHttpClient httpClient;
    private final Map<Region, IamClient> clients = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Per role: live sessions this controller revoked, re-added on every write. Guarded by the role's lock. */
    private final Map<String, List<RevokedSession>> revokedHere = new ConcurrentHashMap<>();

    /**
     * A revoker that really waits between attempts.
     *
     * @param credentials the revoker role's credentials, usually {@link RevokerCredentials}
     * @param settings endpoint, region, retries and size limit
     */
    public Revoker(AwsCredentialsProvider credentials, RevokerSettings settings) {
        this(credentials, settings, RetryPolicy.Sleeper.THREAD, Clock.systemUTC(), RandomGenerator.getDefault());
    }

    /**
     * A revoker whose waiting and time can be replaced (tests).
     *
     * @param credentials the revoker role's credentials
     * @param settings endpoint, region, retries and size limit
     * @param sleeper how to wait between attempts
     * @param clock what decides which sessions have expired
     * @param random the source of jitter
     */
    public Revoker(
            AwsCredentialsProvider credentials,
            RevokerSettings settings,
            RetryPolicy.Sleeper sleeper,
            Clock clock,
            RandomGenerator random) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.httpClient = settings.proxy()
                .applyTo(ApacheHttpClient.builder())
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(settings.retryPolicy().attemptTimeout())
                .build();
    }

    /** Revokes a block's session on the role of the mapping that granted it. Never throws for AWS failures. */
    public RevocationResult revoke(GrantedSession granted) {
        return revoke(granted.mapping().roleArn(), granted.session());
    }

    /** Revokes a session of {@code roleArn}. Never throws for AWS failures. */
    public RevocationResult revoke(String roleArn, RoleSession session) {
        return revoke(roleArn, session.assumedRoleId(), session.issuedAt(), session.expiration());
    }

    /**
     * Revokes one session: after this returns a result that {@linkplain RevocationResult#isDone() is done}, AWS denies
     * every request the session signs (within the seconds IAM takes to propagate a change).
     *
     * @param roleArn the role the session belongs to
     * @param assumedRoleId the session's {@code aws:userid}, {@code <role id>:<session name>}
     * @param issuedAt when AWS issued the session, or {@code null} when that is not known (a session recorded by an
     *     earlier version of the plugin): the Deny then reaches sessions of that name issued up to {@link
     *     RevocationPolicy#PRUNE_GRACE} from now
     * @param expiration when the session's credentials expire; an expired session is not written
     * @return what happened; a failure carries a message that says what to fix. Never throws for AWS failures or bad
     *     input.
     */
    public RevocationResult revoke(String roleArn, String assumedRoleId, Instant issuedAt, Instant expiration) {
        Objects.requireNonNull(expiration, "expiration");
        RevokedSession entry;
        String roleName;
        try {
            // Without the issue time, the session was issued before now: now (plus the clock skew allowed) bounds it.
            entry = issuedAt != null
                    ? RevokedSession.issuedAt(assumedRoleId, issuedAt, expiration)
                    : new RevokedSession(assumedRoleId, clock.instant().plus(RevocationPolicy.PRUNE_GRACE), expiration);
            roleName = RevokerPolicies.roleName(roleArn);
        } catch (IllegalArgumentException e) { // a null id or ARN is refused the same way, with what to fix
            return RevocationResult.failed(
                    roleArn, assumedRoleId, expiration, 0, "Cannot revoke the session: " + e.getMessage());
        }
        if (!clock.instant().isBefore(expiration)) {
            return RevocationResult.alreadyExpired(roleArn, assumedRoleId, expiration);
        }
        // One lock per role, however its ARN is spelled (with or without path, in any case: IAM names are unique
        // per account and case-insensitive).
        String roleKey = roleKey(roleArn);
        ReentrantLock lock = locks.computeIfAbsent(roleKey, k -> new ReentrantLock(true));
        lock.lock();
        try {
            return revokeLocked(roleArn, roleKey, roleName, entry);
        } finally {
            lock.unlock();
        }
    }

    private static String roleKey(String roleArn) {
        IamArn arn = IamArn.parseRole(roleArn);
        return (arn.partition().id() + ":" + arn.account() + ":" + arn.name()).toLowerCase(java.util.Locale.ROOT);
    }

    private RevocationResult revokeLocked(String roleArn, String roleKey, String roleName, RevokedSession entry) {
        List<RevokedSession> ours = revokedHere.computeIfAbsent(roleKey, k -> new ArrayList<>());
        Instant now0 = clock.instant();
        ours.removeIf(s -> !now0.isBefore(s.expiration()));
        ours.add(entry);
        IamOperations iam = new IamOperations(clientFor(roleArn), roleName);
        Instant deadline = clock.instant().plus(settings.retryPolicy().totalTime());
        int attempt = 0;
        while (true) {
            attempt++;
            Attempt outcome = attempt(iam, roleArn, entry, ours);
            if (outcome.failure() == null) {
                return outcome.cutOff() == null
                        ? RevocationResult.revoked(entry, roleArn, attempt)
                        : RevocationResult.revokedRoleWide(entry, roleArn, attempt, outcome.cutOff());
            }
            Duration delay = settings.retryPolicy().delayAfter(attempt, random);
            if (!outcome.retry()
                    || attempt >= settings.retryPolicy().maxAttempts()
                    || clock.instant().plus(delay).isAfter(deadline)) {
                return RevocationResult.failed(
                        roleArn,
                        entry.assumedRoleId(),
                        entry.expiration(),
                        attempt,
                        outcome.failure() + (attempt > 1 ? " (" + attempt + " attempts)" : "")
                                + " The session stays usable until it expires at " + entry.expiration() + ".");
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return RevocationResult.failed(
                        roleArn,
                        entry.assumedRoleId(),
                        entry.expiration(),
                        attempt,
                        "Interrupted while retrying the revocation: " + outcome.failure()
                                + " The session stays usable until it expires at " + entry.expiration() + ".");
            }
        }
    }

    /** One read-modify-write-verify; a failure (with whether to retry) or success. */
    private Attempt attempt(IamOperations iam, String roleArn, RevokedSession entry, List<RevokedSession> ours) {
        String operation = "iam:GetRolePolicy";
        try {
            Instant now = clock.instant();
            RevocationPolicy current = iam.read();
            RevocationPolicy merged = current.withAll(ours);
            RevocationPolicy next = merged.prunedAt(now);
            int size = next.countedLength();
            if (size > settings.maxPolicyCharacters()) {
                Optional<RevocationPolicy> cut = next.fittedByCutOff(entry, now, settings.maxPolicyCharacters());
                if (cut.isEmpty()) {
                    return Attempt.finalFailure(tooLarge(roleArn, next, merged.entryCount() - next.entryCount(), size));
                }
                next = cut.get();
            }
            Optional<Instant> cutOffBefore = current.cutOff().map(RevocationPolicy.CutOff::issuedBefore);
            if (!next.equals(current)) {
                operation = "iam:PutRolePolicy";
                next = write(iam, next, entry, now);
                operation = "iam:GetRolePolicy";
                current = iam.read();
            }
            if (current.denies(entry)) {
                // Role-wide only when this revocation set or moved the cut-off; one already there is no news.
                Optional<Instant> cutOff = next.cutOff().map(RevocationPolicy.CutOff::issuedBefore);
                return Attempt.success(cutOff.equals(cutOffBefore) ? null : cutOff.orElse(null));
            }
            // Another writer replaced the policy between our write and the read-back, or the read is stale.
            return Attempt.retryable("The revocation policy on role " + roleArn
                    + " did not contain the session after writing it; another writer may have replaced it.");
        } catch (IllegalArgumentException e) {
            return Attempt.finalFailure("Cannot revoke on role " + roleArn + ": " + e.getMessage());
        } catch (AwsServiceException e) {
            IamFailure failure = IamFailure.of(e, operation, roleArn);
            return new Attempt(failure.message(), failure.isTransient(), null);
        } catch (RuntimeException e) {
            RevokerCredentials.RevokerCredentialsException noCredentials = credentialsFailure(e);
            if (noCredentials != null) {
                return Attempt.finalFailure(noCredentials.getMessage() + " Check the revocation role setting and"
                        + " the revoker role's trust policy (see docs/revocation.md).");
            }
            if (e instanceof SdkException) {
                return Attempt.retryable(IamFailure.unreachable(e, operation, roleArn, settings.iamEndpoint()));
            }
            // Not an AWS failure but a defect; still a value, because a revocation must never fail a build.
            return Attempt.finalFailure(
                    "Revoking on role " + roleArn + " failed unexpectedly: " + e + ". Please report this as a bug.");
        }
    }

    /**
     * Writes the policy; when IAM refuses it for the role's size limit (the role's other inline policies use the
     * room), writes the smallest role-wide cut-off that IAM takes instead.
     *
     * @return what was written
     */
    private RevocationPolicy write(IamOperations iam, RevocationPolicy next, RevokedSession entry, Instant now) {
        try {
            iam.write(next);
            return next;
        } catch (LimitExceededException e) {
            // Try every cut-off, from the least reaching on, until IAM takes one; each is smaller than the last.
            int limit = next.countedLength() - 1;
            while (true) {
                Optional<RevocationPolicy> cut = next.fittedByCutOff(entry, now, limit);
                if (cut.isEmpty()) {
                    throw e;
                }
                try {
                    iam.write(cut.get());
                    return cut.get();
                } catch (LimitExceededException again) {
                    limit = cut.get().countedLength() - 1;
                }
            }
        }
    }

    private String tooLarge(String roleArn, RevocationPolicy next, int pruned, int size) {
        return "The revocation policy on role " + roleArn + " would need " + size + " characters for "
                + next.entryCount() + " unexpired revoked sessions, more than the " + settings.maxPolicyCharacters()
                + " allowed (IAM allows " + RevocationPolicy.IAM_ROLE_INLINE_LIMIT
                + " for all inline policies of a role together), even after pruning "
                + pruned + " expired entries and with a role-wide cut-off. Raise the plugin's revocation policy"
                + " limit, shorten the session duration of the mappings that use this role, or spread their blocks"
                + " over more roles.";
    }

    private static RevokerCredentials.RevokerCredentialsException credentialsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RevokerCredentials.RevokerCredentialsException r) {
                return r;
            }
        }
        return null;
    }

    private IamClient clientFor(String roleArn) {
        Region region = settings.iamRegion() != null
                ? Region.of(settings.iamRegion())
                : globalRegion(IamArn.parseRole(roleArn).partition());
        return clients.computeIfAbsent(region, this::newClient);
    }

    /** IAM is global: its signing region is the partition's global pseudo-region. */
    static Region globalRegion(AwsPartition partition) {
        return switch (partition) {
            case AWS -> Region.AWS_GLOBAL;
            case AWS_CN -> Region.AWS_CN_GLOBAL;
            case AWS_US_GOV -> Region.AWS_US_GOV_GLOBAL;
            case AWS_ISO -> Region.AWS_ISO_GLOBAL;
            case AWS_ISO_B -> Region.AWS_ISO_B_GLOBAL;
            default -> Region.of(partition.id() + "-global");
        };
    }

    private IamClient newClient(Region region) {
        IamClientBuilder b = IamClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(settings.retryPolicy().attemptTimeout()));
        if (settings.iamEndpoint() != null) {
            b.endpointOverride(settings.iamEndpoint());
        }
        return b.build();
    }

    /** Closes every cached client, then the shared HTTP client. */
    @Override
    public void close() {
        clients.values().forEach(IamClient::close);
        clients.clear();
        httpClient.close();
    }

    /** A failure (with whether to retry), or a success (with the cut-off that denies the session, if one does). */
    private record Attempt(String failure, boolean retry, Instant cutOff) {
        static Attempt success(Instant cutOff) {
            return new Attempt(null, false, cutOff);
        }

        static Attempt retryable(String message) {
            return new Attempt(message, true, null);
        }

        static Attempt finalFailure(String message) {
            return new Attempt(message, false, null);
        }
    }
}
