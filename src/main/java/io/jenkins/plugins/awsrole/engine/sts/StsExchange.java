package io.jenkins.plugins.awsrole.engine.sts;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

/**
 * Trades a web identity token for role credentials through STS {@code AssumeRoleWithWebIdentity}.
 *
 * <p>The call is unsigned ({@link AnonymousCredentialsProvider}): the token is the credential, and no AWS key exists to
 * sign with. Retries are this class's own, bounded by {@link RetryPolicy}, because the SDK's retry strategy would
 * also retry in ways this plugin cannot bound or explain; the SDK's retries are switched off. Only transient failures
 * are retried (throttling, 5xx, {@code IDPCommunicationError}, network failures); a refusal is final at once.
 *
 * <p>HTTP goes through the SDK's Apache client, the one the Jenkins {@code aws-java-sdk2-core} library plugin
 * bundles. One HTTP client (one connection pool) serves every region and endpoint; the {@link StsClient}s on top of
 * it are cached per (region, endpoint override), at most {@value #MAX_CLIENTS}, the least recently used closed past
 * that. {@link #close()} releases them all. The HTTP client goes through the {@link ProxySettings} it was made with; a
 * failure the proxy caused (it refused the call, or could not be reached) says so and names the proxy. Thread-safe.
 */
public final class StsExchange implements AutoCloseable {

    /**
     * How many STS clients are kept, one per (region, endpoint override): far more than a controller's builds use at a
     * time, and a bound on what a build that names ever new regions can make the controller keep.
     */
    static final int MAX_CLIENTS = 16;

    private final RetryPolicy retryPolicy;
    private final RetryPolicy.Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final SdkHttpClient httpClient;
    private final ProxySettings proxy;
    private final ClientCache<ClientKey, StsClient> clients;

    /** An exchange with the default retry policy, really sleeping between attempts, without a proxy. */
    public StsExchange() {
        this(ProxySettings.NONE);
    }

    /** An exchange with the default retry policy, really sleeping between attempts, through {@code proxy}. */
    public StsExchange(ProxySettings proxy) {
        this(RetryPolicy.DEFAULT, RetryPolicy.Sleeper.THREAD, Clock.systemUTC(), RandomGenerator.getDefault(), proxy);
    }

    /**
     * An exchange whose waiting and timekeeping can be replaced (tests).
     *
     * @param retryPolicy how often and how long to retry
     * @param sleeper how to wait between attempts
     * @param clock what measures the total time spent
     * @param random the source of jitter
     */
    public StsExchange(RetryPolicy retryPolicy, RetryPolicy.Sleeper sleeper, Clock clock, RandomGenerator random) {
        this(retryPolicy, sleeper, clock, random, ProxySettings.NONE);
    }

    /**
     * An exchange whose waiting and timekeeping can be replaced (tests), through a proxy.
     *
     * @param proxy the HTTP proxy to reach STS through, or {@link ProxySettings#NONE}
     */
    public StsExchange(
            RetryPolicy retryPolicy,
            RetryPolicy.Sleeper sleeper,
            Clock clock,
            RandomGenerator random,
            ProxySettings proxy) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.httpClient = proxy.applyTo(ApacheHttpClient.builder())
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(retryPolicy.attemptTimeout())
                .build();
        this.clients = new ClientCache<>(MAX_CLIENTS, this::newClient);
    }

    /**
     * Calls {@code AssumeRoleWithWebIdentity}, retrying transient failures within the retry policy.
     *
     * @param request what to ask for
     * @return the session's credentials and identity
     * @throws StsExchangeException when STS refuses, or the failure outlasts the retries; its message says what to fix
     * @throws InterruptedException when interrupted while waiting to retry
     */
    public RoleSession exchange(ExchangeRequest request) throws InterruptedException {
        Objects.requireNonNull(request, "request");
        try (ClientCache.Lease<StsClient> lease = clients.acquire(
                new ClientKey(request.region(), request.endpoint().orElse(null)))) {
            return exchange(request, lease.client());
        }
    }

    private RoleSession exchange(ExchangeRequest request, StsClient client) throws InterruptedException {
        return withRetries(
                (timeout, attempt) ->
                        toSession(client.assumeRoleWithWebIdentity(toSdk(request, timeout)), request, attempt),
                (e, attempt) -> {
                    if (e instanceof AwsServiceException ase) {
                        AwsErrorDetails details = ase.awsErrorDetails();
                        String code = details == null ? null : details.errorCode();
                        String message = details == null ? null : details.errorMessage();
                        return answeredByProxy(ase, StsErrorTranslator.host(request))
                                ? StsErrorTranslator.proxyRefused(proxy, ase.statusCode(), request, attempt)
                                : StsErrorTranslator.translate(code, ase.statusCode(), message, request, attempt);
                    }
                    return noAnswer(e, request, attempt);
                });
    }

    /**
     * Role chaining: the web identity session {@code from} assumes a second role with STS {@code AssumeRole}, the
     * call signed with {@code from}'s credentials. Retries transient failures like {@link #exchange}.
     *
     * @param from the first session, whose credentials sign the call
     * @param request what to ask for
     * @return the second session's credentials and identity (subject and audience are the first session's)
     * @throws StsExchangeException when STS refuses, or the failure outlasts the retries; for a refusal, its message
     *     names the trust policy statement the second role needs
     * @throws InterruptedException when interrupted while waiting to retry
     */
    public RoleSession chain(RoleSession from, ChainRequest request) throws InterruptedException {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(request, "request");
        StaticCredentialsProvider signer = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(from.accessKeyId(), from.secretAccessKey(), from.sessionToken()));
        URI endpoint = request.endpointOverride().orElse(null);
        try (ClientCache.Lease<StsClient> lease = clients.acquire(new ClientKey(request.region(), endpoint))) {
            StsClient client = lease.client();
            return withRetries(
                    (timeout, attempt) ->
                            toSession(client.assumeRole(toSdk(request, signer, timeout)), request, from, attempt),
                    (e, attempt) -> {
                        if (e instanceof AwsServiceException ase) {
                            AwsErrorDetails details = ase.awsErrorDetails();
                            return ChainErrors.translate(
                                    details == null ? null : details.errorCode(),
                                    ase.statusCode(),
                                    details == null ? null : details.errorMessage(),
                                    request,
                                    attempt);
                        }
                        return chainNoAnswer(e, request, attempt);
                    });
        }
    }

    /** One call to STS, given the time it may take and its number (from 1). */
    @FunctionalInterface
    private interface Attempt {
        RoleSession call(Duration timeout, int attempt);
    }

    /** What a failed call means, in words for the person who fixes it. */
    @FunctionalInterface
    private interface Translation {
        StsExchangeException of(SdkException failure, int attempt);
    }

    private RoleSession withRetries(Attempt call, Translation translation) throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(retryPolicy.totalTime());
        int attempt = 0;
        while (true) {
            attempt++;
            StsExchangeException failure;
            try {
                return call.call(attemptTimeout(deadline), attempt);
            } catch (SdkException e) {
                failure = translation.of(e, attempt);
            }
            if (!failure.isTransient() || attempt >= retryPolicy.maxAttempts()) {
                throw failure;
            }
            Duration delay = retryPolicy.delayAfter(attempt, random);
            if (clock.instant().plus(delay).isAfter(deadline)) {
                throw failure;
            }
            sleeper.sleep(delay);
        }
    }

    /** The proxy this exchange reaches STS through; {@link ProxySettings#NONE} when none. */
    public ProxySettings proxy() {
        return proxy;
    }

    /**
     * Whether an error answer came from the proxy rather than from STS: the call went through a proxy, and the proxy
     * asked for credentials (407), or the answer carries no AWS request id, which every answer of STS has.
     */
    private boolean answeredByProxy(AwsServiceException e, String host) {
        if (!proxy.appliesTo(host)) {
            return false;
        }
        return e.statusCode() == 407 || e.requestId() == null || e.requestId().isBlank();
    }

    /** The attempt timeout, shortened to what is left of the total time (but never below a usable floor). */
    private Duration attemptTimeout(Instant deadline) {
        Duration remaining = Duration.between(clock.instant(), deadline);
        Duration cap = retryPolicy.attemptTimeout();
        Duration floor = cap.compareTo(Duration.ofSeconds(1)) < 0 ? cap : Duration.ofSeconds(1);
        if (remaining.compareTo(floor) < 0) {
            return floor;
        }
        return remaining.compareTo(cap) < 0 ? remaining : cap;
    }

    private StsExchangeException noAnswer(SdkException e, ExchangeRequest request, int attempt) {
        boolean network = e instanceof ApiCallTimeoutException
                || e instanceof ApiCallAttemptTimeoutException
                || hasCause(e, IOException.class);
        String cause = describe(e);
        return StsErrorTranslator.noAnswer(
                network ? StsExchangeException.CODE_NETWORK : StsExchangeException.CODE_UNREADABLE,
                cause,
                request,
                attempt,
                proxy.appliesTo(StsErrorTranslator.host(request)) ? proxy : ProxySettings.NONE);
    }

    private static StsExchangeException chainNoAnswer(SdkException e, ChainRequest request, int attempt) {
        boolean network = e instanceof ApiCallTimeoutException
                || e instanceof ApiCallAttemptTimeoutException
                || hasCause(e, IOException.class);
        return ChainErrors.noAnswer(
                network ? StsExchangeException.CODE_NETWORK : StsExchangeException.CODE_UNREADABLE,
                describe(e),
                request,
                attempt);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** The innermost cause, named by type and message: "connection reset" is more useful than the SDK's wrapper. */
    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static AssumeRoleWithWebIdentityRequest toSdk(ExchangeRequest request, Duration timeout) {
        AssumeRoleWithWebIdentityRequest.Builder b = AssumeRoleWithWebIdentityRequest.builder()
                .roleArn(request.roleArn())
                .roleSessionName(request.sessionName())
                .webIdentityToken(request.webIdentityToken())
                .durationSeconds(request.durationSeconds())
                .overrideConfiguration(o -> o.apiCallTimeout(timeout));
        request.sessionPolicy().ifPresent(b::policy);
        if (!request.policyArns().isEmpty()) {
            b.policyArns(request.policyArns().stream()
                    .map(arn -> PolicyDescriptorType.builder().arn(arn).build())
                    .toList());
        }
        return b.build();
    }

    private static AssumeRoleRequest toSdk(ChainRequest request, StaticCredentialsProvider signer, Duration timeout) {
        AssumeRoleRequest.Builder b = AssumeRoleRequest.builder()
                .roleArn(request.roleArn())
                .roleSessionName(request.sessionName())
                .durationSeconds(request.durationSeconds())
                .overrideConfiguration(o -> o.apiCallTimeout(timeout).credentialsProvider(signer));
        if (request.sourceIdentity() != null) {
            b.sourceIdentity(request.sourceIdentity());
        }
        if (request.sessionPolicy() != null) {
            b.policy(request.sessionPolicy());
        }
        if (!request.policyArns().isEmpty()) {
            b.policyArns(request.policyArns().stream()
                    .map(arn -> PolicyDescriptorType.builder().arn(arn).build())
                    .toList());
        }
        return b.build();
    }

    private static RoleSession toSession(
            AssumeRoleResponse response, ChainRequest request, RoleSession from, int attempts) {
        Credentials c = response.credentials();
        if (!complete(c)) {
            throw ChainErrors.noAnswer(
                    StsExchangeException.CODE_UNREADABLE,
                    "the answer carries no complete credentials",
                    request,
                    attempts);
        }
        return new RoleSession(
                c.accessKeyId(),
                c.secretAccessKey(),
                c.sessionToken(),
                c.expiration(),
                // As for the first session: AWS's own figures, not this controller's clock.
                c.expiration().minusSeconds(request.durationSeconds()),
                response.assumedRoleUser() == null
                        ? null
                        : response.assumedRoleUser().arn(),
                response.assumedRoleUser() == null
                        ? null
                        : response.assumedRoleUser().assumedRoleId(),
                request.sessionName(),
                from.subject(),
                from.audience());
    }

    private static RoleSession toSession(
            AssumeRoleWithWebIdentityResponse response, ExchangeRequest request, int attempts) {
        Credentials c = response.credentials();
        if (!complete(c)) {
            throw StsErrorTranslator.noAnswer(
                    StsExchangeException.CODE_UNREADABLE,
                    "the answer carries no complete credentials",
                    request,
                    attempts);
        }
        UnverifiedClaims claims = UnverifiedClaims.of(request.webIdentityToken());
        String arn = response.assumedRoleUser() == null
                ? null
                : response.assumedRoleUser().arn();
        String id = response.assumedRoleUser() == null
                ? null
                : response.assumedRoleUser().assumedRoleId();
        String subject = Objects.requireNonNullElse(response.subjectFromWebIdentityToken(), claims.subject());
        String audience = Objects.requireNonNullElse(response.audience(), claims.audience());
        return new RoleSession(
                c.accessKeyId(),
                c.secretAccessKey(),
                c.sessionToken(),
                c.expiration(),
                // AWS's own figures: STS sets the expiry at the issue time plus the duration asked for.
                c.expiration().minusSeconds(request.durationSeconds()),
                arn,
                id,
                request.sessionName(),
                subject,
                audience);
    }

    /** Whether an answer's credentials have every part a session needs (web identity and chained answers alike). */
    private static boolean complete(Credentials c) {
        return c != null
                && c.accessKeyId() != null
                && c.secretAccessKey() != null
                && c.sessionToken() != null
                && c.expiration() != null;
    }

    /** How many STS clients are cached now. */
    int cachedClients() {
        return clients.size();
    }

    private StsClient newClient(ClientKey key) {
        StsClientBuilder b = StsClient.builder()
                .region(Region.of(key.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(httpClient)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (key.endpoint() != null) {
            b.endpointOverride(key.endpoint());
        }
        return b.build();
    }

    /** Closes every cached client, then the shared HTTP client (which the SDK clients do not own). */
    @Override
    public void close() {
        clients.close();
        httpClient.close();
    }

    private record ClientKey(String region, URI endpoint) {}
}
