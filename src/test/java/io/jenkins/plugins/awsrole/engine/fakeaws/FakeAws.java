package io.jenkins.plugins.awsrole.engine.fakeaws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local AWS-compatible STS and IAM endpoint for tests: the AWS SDK v2 and the AWS CLI talk to it through an
 * endpoint override ({@link #endpoint()}).
 *
 * <p>STS: {@code AssumeRoleWithWebIdentity} (unsigned; validates parameters, verifies the token against the issuer's
 * discovery document and JWKS fetched over HTTP, evaluates the role's trust policy, enforces the role's maximum
 * session duration, issues {@code ASIA...} credentials), {@code AssumeRole} (role chaining: SigV4-signed by an issued
 * session, see {@link StsActions}) and {@code GetCallerIdentity} (SigV4 checked with the issued secret and session
 * token). IAM: {@code GetRole}, {@code PutRolePolicy}, {@code GetRolePolicy}, {@code DeleteRolePolicy},
 * {@code ListRolePolicies}, {@code GetOpenIDConnectProvider}, signed by an issued session whose role's inline policies
 * allow the action, and reaching only the roles of that session's account. Answers and errors follow AWS's
 * query-protocol XML (see AWS-FACTS.md §1.5-1.7, §4-5).
 *
 * <p>Accounts ({@link FakeAccount}) are kept apart as AWS keeps them: each has its own providers and roles. The
 * methods here that take no account work in {@link #ACCOUNT}; {@link #account(String)} reaches any other, such as
 * {@link #SECOND_ACCOUNT}.
 *
 * <p>Known departures from AWS, on purpose: issuers may be plain {@code http://} on loopback (tests cannot present a
 * public TLS certificate); {@code GetCallerIdentity} can be denied by an explicit Deny in the role's inline policies
 * (real AWS never denies it; here it stands in for "any call with these credentials", so that revocation is
 * observable); session policies are stored but do not narrow IAM permissions; the packed-size check is an
 * approximation. Setup happens through Java methods, not through IAM calls.
 */
public final class FakeAws implements AutoCloseable {

    /** The account the methods without an account work in. */
    public static final String ACCOUNT = "123456789012";

    /** A second account, for tests that cross accounts (role chaining). */
    public static final String SECOND_ACCOUNT = "210987654321";

    private static final Set<String> STS_ACTIONS =
            Set.of("AssumeRoleWithWebIdentity", "AssumeRole", "GetCallerIdentity");
    private static final Set<String> IAM_ACTIONS = Set.of(
            "GetRole",
            "PutRolePolicy",
            "GetRolePolicy",
            "DeleteRolePolicy",
            "ListRolePolicies",
            "GetOpenIDConnectProvider");

    private final HttpServer server;
    /** A second listener on the same state that serves STS only, as an STS (VPC) endpoint does; made on first use. */
    private HttpServer stsOnly;

    private final ExecutorService executor;
    private final FakeClock clock;
    private final Faults faults = new Faults();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final Map<String, Integer> stsOnlyCalls = new ConcurrentHashMap<>();
    final State state;
    private final StsActions sts;
    private final IamActions iam;

    private FakeAws(FakeClock clock) throws IOException {
        this.clock = clock;
        this.state = new State(clock);
        this.sts = new StsActions(state);
        this.iam = new IamActions(state);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-aws");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on 127.0.0.1 and a free port, with its clock at the real current second. */
    public static FakeAws start() throws IOException {
        return start(FakeClock.atRealNow());
    }

    /** Starts a server whose notion of "now" is {@code clock}. */
    public static FakeAws start(FakeClock clock) throws IOException {
        return new FakeAws(clock);
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override for STS and IAM clients and for {@code aws --endpoint-url}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * An endpoint on the same account that serves STS only, as {@code sts.amazonaws.com} or an STS interface VPC
     * endpoint does: IAM actions sent there are refused ({@code InvalidAction}, 400) and counted in {@link
     * #callsAtStsOnlyEndpoint(String)}.
     */
    public synchronized URI stsOnlyEndpoint() throws IOException {
        if (stsOnly == null) {
            stsOnly = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            stsOnly.setExecutor(executor);
            stsOnly.createContext("/", exchange -> {
                FakeHttpRequest request = new FakeHttpRequest(exchange);
                String action = request.param("Action");
                if (IAM_ACTIONS.contains(action)) {
                    try (exchange) {
                        stsOnlyCalls.merge(action, 1, Integer::sum);
                        String requestId = UUID.randomUUID().toString();
                        send(
                                exchange,
                                400,
                                Xml.error(
                                        Xml.STS_NS,
                                        new AwsError(
                                                400,
                                                "InvalidAction",
                                                "Could not find operation " + action + " for version "
                                                        + request.param("Version")),
                                        requestId),
                                requestId);
                    }
                    return;
                }
                handle(exchange, request);
            });
            stsOnly.start();
        }
        return URI.create("http://127.0.0.1:" + stsOnly.getAddress().getPort());
    }

    /** How often an IAM action was sent to the {@link #stsOnlyEndpoint()} (and refused there). */
    public int callsAtStsOnlyEndpoint(String action) {
        return stsOnlyCalls.getOrDefault(action, 0);
    }

    /** The server's clock; move it to expire tokens and sessions. */
    public FakeClock clock() {
        return clock;
    }

    /** Failures to inject. */
    public Faults faults() {
        return faults;
    }

    /** An account of this server, made empty on first use: its own providers and roles. */
    public FakeAccount account(String accountId) {
        return state.account(accountId);
    }

    /**
     * Registers an IAM OIDC identity provider in {@link #ACCOUNT}.
     *
     * @param issuerUrl the issuer exactly as tokens carry it in {@code iss}
     * @param audiences the client IDs (audiences) it accepts
     * @return its ARN, {@code arn:aws:iam::<account>:oidc-provider/<issuer without scheme>}
     */
    public String createOidcProvider(String issuerUrl, String... audiences) {
        return account(ACCOUNT).createOidcProvider(issuerUrl, audiences);
    }

    /** Removes an IAM OIDC identity provider of {@link #ACCOUNT} (what {@code DeleteOpenIDConnectProvider} does). */
    public void deleteOidcProvider(String issuerUrl) {
        account(ACCOUNT).deleteOidcProvider(issuerUrl);
    }

    /** Creates a role in {@link #ACCOUNT} with a 1-hour maximum session duration. */
    public FakeRole createRole(String name, String trustPolicyJson) {
        return createRole(name, trustPolicyJson, 3600);
    }

    /**
     * Creates a role in {@link #ACCOUNT}.
     *
     * @param name the role name
     * @param trustPolicyJson its trust policy
     * @param maxSessionDurationSeconds 3600-43200, as IAM allows
     */
    public FakeRole createRole(String name, String trustPolicyJson, int maxSessionDurationSeconds) {
        return account(ACCOUNT).createRole(name, trustPolicyJson, maxSessionDurationSeconds);
    }

    /** The role of {@link #ACCOUNT} with this name. */
    public FakeRole role(String name) {
        return account(ACCOUNT).role(name);
    }

    /** Gives a role of {@link #ACCOUNT} an inline policy directly (test setup; no signature needed). */
    public void putRolePolicy(String roleName, String policyName, String document) {
        account(ACCOUNT).putRolePolicy(roleName, policyName, document);
    }

    /** Every session issued so far, oldest first. */
    public List<IssuedSession> sessions() {
        return new ArrayList<>(state.sessions.values());
    }

    /** How many requests named this action (including failed and fault-injected ones). */
    public int calls(String action) {
        return calls.getOrDefault(action, 0);
    }

    /** How often the issuer's discovery document and JWKS were fetched. */
    public int issuerFetches(String issuer) {
        return state.keys.fetchCount(issuer);
    }

    /** The oldest token (by {@code iat}) STS accepts; 1 day unless changed (AWS's exact limit is unpublished). */
    public void maxTokenAge(Duration age) {
        state.maxTokenAge = age;
    }

    /**
     * Whether IAM's {@code StringLike} admits {@code value} with {@code pattern} ({@code *} any run of characters,
     * {@code ?} any one, case-sensitive): the rule this server applies to trust-policy conditions, for tests that
     * check patterns without a round trip.
     */
    public static boolean stringLike(String pattern, String value) {
        return Policy.like(pattern, value, false);
    }

    /**
     * A trust policy that lets tokens of a provider assume a role: {@code StringEquals} on {@code aud} and
     * {@code StringLike} on {@code sub}.
     *
     * @param providerArn the IAM OIDC provider ARN
     * @param audience the {@code aud} to require
     * @param subjectPattern the {@code sub} to require ({@code *} and {@code ?} allowed)
     * @param extraActions added to {@code sts:AssumeRoleWithWebIdentity}, e.g. {@code sts:TagSession}
     */
    public static String trustPolicy(
            String providerArn, String audience, String subjectPattern, String... extraActions) {
        String prefix = providerArn.substring(providerArn.indexOf(":oidc-provider/") + ":oidc-provider/".length());
        StringBuilder actions = new StringBuilder("\"sts:AssumeRoleWithWebIdentity\"");
        for (String a : extraActions) {
            actions.append(", \"").append(a).append('"');
        }
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \""
                + providerArn + "\"}, \"Action\": [" + actions + "], \"Condition\": {\"StringEquals\": {\"" + prefix
                + ":aud\": \"" + audience + "\"}, \"StringLike\": {\"" + prefix + ":sub\": \"" + subjectPattern
                + "\"}}}]}";
    }

    /**
     * A trust policy that lets sessions of another role assume a role ({@code sts:AssumeRole}, role chaining).
     *
     * @param principal how the policy names the caller: a role ARN ({@code arn:aws:iam::<account>:role/<name>}), an
     *     assumed-role session ARN, or an account ({@code arn:aws:iam::<account>:root})
     * @param extraActions added to {@code sts:AssumeRole}, e.g. {@code sts:SetSourceIdentity}
     */
    public static String chainTrustPolicy(String principal, String... extraActions) {
        StringBuilder actions = new StringBuilder("\"sts:AssumeRole\"");
        for (String a : extraActions) {
            actions.append(", \"").append(a).append('"');
        }
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \""
                + principal + "\"}, \"Action\": [" + actions + "]}]}";
    }

    /** A permissions policy that allows {@code actions} on one role: what a caller of another account needs. */
    public static String allowOn(String roleArn, String... actions) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\""
                + String.join("\", \"", actions) + "\"], \"Resource\": \"" + roleArn + "\"}]}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        handle(exchange, new FakeHttpRequest(exchange));
    }

    private void handle(HttpExchange exchange, FakeHttpRequest request) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            String action = request.param("Action");
            calls.merge(String.valueOf(action), 1, Integer::sum);
            String namespace = IAM_ACTIONS.contains(action) ? Xml.IAM_NS : Xml.STS_NS;
            sleep(faults.latency());
            faults.pass(action);
            Faults.Kind fault = faults.take(action);
            if (fault != null) {
                injectFault(exchange, fault, action, namespace, requestId);
                return;
            }
            String body;
            int status = 200;
            try {
                body = dispatch(action, request, namespace, requestId);
            } catch (AwsError e) {
                status = e.status;
                body = Xml.error(namespace, e, requestId);
            } catch (RuntimeException e) {
                AwsError internal = new AwsError(500, "InternalFailure", "The fake AWS server failed: " + e);
                status = 500;
                body = Xml.error(namespace, internal, requestId);
            }
            send(exchange, status, body, requestId);
        }
    }

    private String dispatch(String action, FakeHttpRequest request, String namespace, String requestId) {
        if (action == null) {
            throw new AwsError(400, "MissingAction", "Missing Action");
        }
        String version = request.param("Version");
        if (STS_ACTIONS.contains(action) && "2011-06-15".equals(version)) {
            return Xml.response(namespace, action, sts.handle(action, request), requestId);
        }
        if (IAM_ACTIONS.contains(action) && "2010-05-08".equals(version)) {
            return Xml.response(namespace, action, iam.handle(action, request), requestId);
        }
        throw new AwsError(400, "InvalidAction", "Could not find operation " + action + " for version " + version);
    }

    private static void injectFault(
            HttpExchange exchange, Faults.Kind fault, String action, String namespace, String requestId)
            throws IOException {
        switch (fault) {
            case THROTTLING ->
                send(
                        exchange,
                        400,
                        Xml.error(namespace, new AwsError(400, "Throttling", "Rate exceeded"), requestId),
                        requestId);
            case SERVER_ERROR ->
                send(
                        exchange,
                        500,
                        Xml.error(
                                namespace,
                                new AwsError(500, "InternalFailure", "An internal error occurred."),
                                requestId),
                        requestId);
            case SERVICE_UNAVAILABLE ->
                send(
                        exchange,
                        503,
                        Xml.error(namespace, new AwsError(503, "ServiceUnavailable", "Service Unavailable"), requestId),
                        requestId);
            case IDP_COMMUNICATION_ERROR ->
                send(
                        exchange,
                        400,
                        Xml.error(
                                namespace,
                                new AwsError(
                                        400,
                                        "IDPCommunicationError",
                                        "Couldn't retrieve verification key from your identity provider"),
                                requestId),
                        requestId);
            case MALFORMED_XML ->
                send(
                        exchange,
                        200,
                        "<" + action + "Response xmlns=\"" + namespace + "\">\n  <" + action
                                + "Result>\n    <Credentials>" + "<AccessKeyId>ASIA",
                        requestId);
            case CONNECTION_RESET -> {
                // Promise a body, deliver a few bytes, then fail the handler: the JDK server closes the socket
                // on an exception escaping a handler, so the client's read ends mid-response.
                exchange.getResponseHeaders().set("Content-Type", "text/xml");
                exchange.sendResponseHeaders(200, 4096);
                OutputStream out = exchange.getResponseBody();
                out.write("<Err".getBytes(StandardCharsets.UTF_8));
                out.flush();
                throw new IOException("fault injection: connection dropped");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String requestId) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.stop(0);
        synchronized (this) {
            if (stsOnly != null) {
                stsOnly.stop(0);
            }
        }
        executor.shutdownNow();
    }
}
