package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.revoke.Revoker;
import io.jenkins.plugins.awsrole.engine.revoke.RevokerAccounts;
import io.jenkins.plugins.awsrole.engine.revoke.RevokerCredentials;
import io.jenkins.plugins.awsrole.engine.revoke.RevokerSettings;
import io.jenkins.plugins.awsrole.engine.session.BrokerSettings;
import io.jenkins.plugins.awsrole.engine.session.ControllerSessions;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.session.RefreshSchedule;
import io.jenkins.plugins.awsrole.engine.session.SessionBroker;
import io.jenkins.plugins.awsrole.engine.session.SessionRefusedException;
import io.jenkins.plugins.awsrole.engine.session.SessionRequest;
import io.jenkins.plugins.awsrole.engine.sts.ProxySettings;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trustcode.SharedCheck;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustCheckGate;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustProbe;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jenkins.model.Jenkins;
import jenkins.util.ContextResettingExecutorService;
import jenkins.util.SystemProperties;
import jenkins.util.Timer;
import org.springframework.security.core.Authentication;

/**
 * The controller's one connection to STS, the broker made from the current configuration, the revoker and the audit
 * trail. The STS client is shared because it pools HTTP connections; the broker is made per request so that it always
 * sees the configuration as it is now; the revoker is kept (it serializes revocations per role and remembers what it
 * revoked) and made anew only when the revocation role, the IAM endpoint or Jenkins' HTTP proxy changes. The STS
 * client too is made anew when Jenkins' HTTP proxy setting changes ({@link #sts()}).
 *
 * <p>Also the plugin's own threads: renewals of block sessions run on a small pool of their own ({@link #renewals()}),
 * never on Jenkins' shared {@link Timer}, which only says when they are due (a renewal may wait 30 seconds for STS,
 * write to IAM and wait for the Pipeline program to load; ten such on the timer's ten threads would stall every other
 * plugin's timer tasks). The two ends of each block run off the CPS thread on another pool ({@link #blockWork()}),
 * which grows as blocks start and end, like Pipeline's own for such steps.
 */
@Extension
public final class AwsRoleService {

    /** What the controller's revoker token is for: its {@code sub} is {@code jenkins:controller:revoker}. */
    static final String REVOKER_PURPOSE = "revoker";

    /**
     * The older way to set an IAM endpoint (a test server, an IAM VPC endpoint), read only when the global setting
     * {@code iamEndpoint} is empty. The STS endpoint override never stands in for it: STS VPC endpoints do not serve IAM.
     */
    static final String IAM_ENDPOINT_PROPERTY = AwsRoleService.class.getName() + ".iamEndpoint";

    /** How many renewals may run at once; the others wait their turn (they have minutes before their session ends). */
    static final int RENEWAL_THREADS = 4;

    /**
     * Over how many seconds the renewals of blocks resumed after a restart are spread (default 120). A system property
     * rather than a setting: the default suits controllers of any size, and tests need it short.
     */
    static final String RESUME_SPREAD_PROPERTY = AwsRoleService.class.getName() + ".resumeSpreadSeconds";

    /** The exchange for the proxy setting last seen; made on first use. */
    @CheckForNull
    private StsExchange sts;

    /** Exchanges replaced after a proxy change, closed once no call can still be using them, or at shutdown. */
    private final List<StsExchange> retired = new ArrayList<>();

    private final AuditLog audit = new AuditLog();
    private final ControllerAudit controllerAudit = new ControllerAudit(audit);
    private final RevocationProblems revocationProblems = new RevocationProblems();
    private final ExecutorService renewals = pool("renewal", RENEWAL_THREADS);
    private final ExecutorService blockWork =
            new ContextResettingExecutorService(Executors.newCachedThreadPool(threads("block")));

    /** How long a drift report is handed out again to the builds that run {@code awsRoleDriftCheck}. */
    static final int DRIFT_REUSE_MINUTES = 5;

    private final SharedCheck<DriftReport> driftReports = new SharedCheck<>(
            "The drift check", Clock.systemUTC(), Duration.ofMinutes(DRIFT_REUSE_MINUTES), Duration.ofMinutes(1));

    @CheckForNull
    private Revoker revoker;

    @CheckForNull
    private RevokerSetup revokerSetup;

    /**
     * Revokers for other accounts' roles (chained roles), by the revoker role they assume there; made anew with the
     * revoker.
     */
    private final Map<String, Revoker> accountRevokers = new HashMap<>();

    /** Set when Jenkins shuts down: the clients are closed, and no new one is made. */
    private boolean closed;

    /** What a revoker is made from; another value means another revoker. */
    private record RevokerSetup(
            String roleArn, @CheckForNull URI iamEndpoint, ProxySettings proxy) {}

    public static AwsRoleService get() {
        return ExtensionList.lookupSingleton(AwsRoleService.class);
    }

    /**
     * The shared STS exchange, through Jenkins' HTTP proxy as it is set now. A changed proxy setting gets a new
     * exchange (a new HTTP client and connection pool); the old one is closed once every call that may have started on
     * it has ended, or at shutdown.
     *
     * @throws IllegalArgumentException when Jenkins' proxy setting is unusable (the message says what to fix)
     * @throws IllegalStateException when Jenkins is shutting down
     */
    synchronized StsExchange sts() {
        if (closed) {
            throw new IllegalStateException("Jenkins is shutting down; the STS connections are closed.");
        }
        ProxySettings proxy = JenkinsProxy.current();
        StsExchange current = sts;
        if (current == null || !current.proxy().equals(proxy)) {
            if (current != null) {
                retire(current);
            }
            current = new StsExchange(proxy);
            sts = current;
        }
        return current;
    }

    /** Closes a replaced exchange after the longest a call on it can take (its retries and last attempt). */
    private void retire(StsExchange old) {
        retired.add(old);
        long delay = RetryPolicy.DEFAULT
                .totalTime()
                .plus(RetryPolicy.DEFAULT.attemptTimeout())
                .toMillis();
        Timer.get().schedule(() -> closeRetired(old), delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void closeRetired(StsExchange old) {
        if (retired.remove(old)) {
            old.close();
        }
    }

    /**
     * A broker over the current trust mappings, issuer and STS settings.
     *
     * @throws IllegalArgumentException when the issuer cannot be set up (no Jenkins URL configured, a bad issuer URL)
     */
    public SessionBroker broker() {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        return new SessionBroker(
                config.trustMappings(),
                config.issuer(),
                sts(),
                config.brokerSettings(),
                (request, mapping, sessionName, token) -> audit.record(SessionAudit.tokenIssued(
                        request.build(), request.stage(), mapping.roleArn(), sessionName, token)));
    }

    /** The audit trail of this controller: structured log lines, and the recent events in memory. */
    public AuditLog audit() {
        return audit;
    }

    /**
     * The revoker for the configured revocation role, or {@code null} when none is configured. Its credentials come
     * from the controller's own token, obtained when first needed and again shortly before they expire.
     *
     * @throws IllegalArgumentException when the IAM endpoint property is not a URL
     */
    @CheckForNull
    public synchronized Revoker revoker() {
        if (closed) {
            throw new IllegalStateException("Jenkins is shutting down; the revoker's connections are closed.");
        }
        String roleArn = AwsRoleConfiguration.get().getRevocationRoleArn();
        RevokerSetup wanted = roleArn == null
                ? null
                : new RevokerSetup(roleArn, AwsRoleConfiguration.get().iamEndpoint(), JenkinsProxy.current());
        if (!Objects.equals(wanted, revokerSetup)) {
            if (revoker != null) {
                revoker.close();
            }
            accountRevokers.values().forEach(Revoker::close);
            accountRevokers.clear();
            revoker = wanted == null ? null : newRevoker(wanted);
            revokerSetup = wanted;
        }
        return revoker;
    }

    /**
     * The revoker for sessions of {@code sessionRoleArn}: the configured revocation role's for a role of its account,
     * else one that assumes the revocation role's namesake in that role's account by role chaining (see
     * {@link RevokerAccounts}); {@code null} when no revocation role is configured.
     *
     * @throws IllegalArgumentException when the IAM endpoint property is not a URL, or an ARN is not a role's
     */
    @CheckForNull
    public synchronized Revoker revoker(String sessionRoleArn) {
        Revoker own = revoker();
        if (own == null) {
            return null;
        }
        RevokerSetup setup = revokerSetup;
        if (setup == null) {
            return own; // not reached: a revoker exists only with its setup
        }
        String there = RevokerAccounts.revokerRoleFor(setup.roleArn(), sessionRoleArn);
        if (there == null) {
            return own;
        }
        return accountRevokers.computeIfAbsent(there, role -> newRevoker(setup, role));
    }

    /**
     * Jenkins is shutting down: closes the SDK clients and their connection pools (the revoker's IAM client and the
     * shared STS clients), so that no pooled connection or SDK thread outlives the controller, or a test's Jenkins
     * in the same JVM. A revocation asked for after this fails, and says why, like any failed revocation.
     */
    @Terminator
    public static void closeClients() {
        get().close();
    }

    synchronized void close() {
        closed = true;
        renewals.shutdownNow(); // pending renewals are scheduled again when their blocks resume
        if (revoker != null) {
            revoker.close();
            revoker = null;
            revokerSetup = null;
        }
        accountRevokers.values().forEach(Revoker::close);
        accountRevokers.clear();
        if (sts != null) {
            sts.close();
            sts = null;
        }
        retired.forEach(StsExchange::close);
        retired.clear();
    }

    private Revoker newRevoker(RevokerSetup setup) {
        return newRevoker(setup, null);
    }

    /** A revoker of the configured revocation role, or, with {@code chainedRoleArn}, of that role assumed from it. */
    private Revoker newRevoker(RevokerSetup setup, @CheckForNull String chainedRoleArn) {
        RevokerCredentials credentials = new RevokerCredentials(
                () -> {
                    // The configuration as it is at the moment of asking: issuer keys and STS settings may change.
                    AwsRoleConfiguration config = AwsRoleConfiguration.get();
                    ControllerSessions sessions = new ControllerSessions(
                            config.issuer(), sts(), config.controllerSessionSettings(), controllerAudit);
                    return chainedRoleArn == null
                            ? sessions.obtain(setup.roleArn(), REVOKER_PURPOSE, TrustMapping.DEFAULT_AUDIENCE)
                            : sessions.obtainChained(
                                    setup.roleArn(), chainedRoleArn, REVOKER_PURPOSE, TrustMapping.DEFAULT_AUDIENCE);
                },
                Clock.systemUTC());
        RevokerSettings settings = RevokerSettings.defaults().withProxy(setup.proxy());
        if (setup.iamEndpoint() != null) {
            settings = settings.withEndpoint(setup.iamEndpoint());
        }
        return new Revoker(credentials, settings);
    }

    /**
     * A session from the broker, recorded in the audit trail, or a refusal that fails the block or build with its
     * message and no stack trace: the message already says which rule failed, or what AWS said and what to fix.
     */
    /**
     * {@link #obtain(SessionBroker, SessionRequest, AuditLog)} with this service's broker and audit trail. A broker that
     * cannot be set up (no Jenkins URL, an unusable proxy setting) refuses the request like any other refusal: a message
     * that says what to set, and a {@code REFUSED} event, never a stack trace.
     */
    GrantedSession obtain(SessionRequest request) throws AbortException, InterruptedException {
        SessionBroker broker;
        try {
            broker = broker();
        } catch (IllegalArgumentException e) {
            audit().record(SessionAudit.refused(request.build(), request.stage(), null, "setup", e.getMessage()));
            throw new AbortException(Messages.AwsRoleStep_Refused(request.stage(), e.getMessage()));
        }
        return obtain(broker, request, audit());
    }

    static GrantedSession obtain(SessionBroker broker, SessionRequest request, AuditLog audit)
            throws AbortException, InterruptedException {
        try {
            return recorded(
                    broker,
                    request,
                    audit,
                    granted -> SessionAudit.obtained(request.build(), request.stage(), granted));
        } catch (SessionRefusedException | StsExchangeException | IllegalArgumentException e) {
            throw new AbortException(Messages.AwsRoleStep_Refused(request.stage(), e.getMessage()));
        }
    }

    /**
     * A fresh session for a block that already has one (before it runs out, or after a controller restart), recorded
     * as {@code REFRESHED} rather than as a second session obtained. A failure is recorded as a refusal, like
     * {@link #obtain}'s, and thrown as it is, so that the block can tell the mappings refusing the build now from a
     * failure that may pass.
     *
     * @param why the audit event's message: why the session was renewed and which session it replaces
     * @throws SessionRefusedException when the trust mappings refuse the build now
     * @throws StsExchangeException when AWS refused or could not be reached
     * @throws IllegalArgumentException for a setup problem (no issuer URL)
     */
    static GrantedSession renew(SessionBroker broker, SessionRequest request, AuditLog audit, String why)
            throws InterruptedException {
        return recorded(
                broker,
                request,
                audit,
                granted -> SessionAudit.refreshed(request.build(), request.stage(), granted, why));
    }

    private static GrantedSession recorded(
            SessionBroker broker,
            SessionRequest request,
            AuditLog audit,
            Function<GrantedSession, List<AuditEvent>> success)
            throws InterruptedException {
        try {
            GrantedSession granted = broker.obtain(request);
            success.apply(granted).forEach(audit::record);
            return granted;
        } catch (SessionRefusedException e) {
            audit.record(SessionAudit.refused(
                    request.build(), request.stage(), e.reason().orElse(null), "request", e.getMessage()));
            throw e;
        } catch (StsExchangeException e) {
            audit.record(SessionAudit.refused(request.build(), request.stage(), null, "sts", e.getMessage()));
            throw e;
        } catch (IllegalArgumentException e) {
            audit.record(SessionAudit.refused(request.build(), request.stage(), null, "configuration", e.getMessage()));
            throw e;
        }
    }

    /** When blocks renew their sessions: the configured threshold, by the controller's clock. */
    RefreshSchedule refreshSchedule() {
        return new RefreshSchedule(AwsRoleConfiguration.get().refreshThreshold(), Clock.systemUTC());
    }

    /**
     * What says when a block's renewal is due: Jenkins' shared timer. Its task must only hand the renewal to
     * {@link #renewals()}, never run it.
     */
    ScheduledExecutorService timer() {
        return Timer.get();
    }

    /** Where block renewals run: {@value #RENEWAL_THREADS} threads of the plugin's own. */
    Executor renewals() {
        return renewals;
    }

    /**
     * Where the start and the end of a block run, off the CPS thread, with the authentication of the thread that
     * hands them over (as Pipeline's own background steps do).
     */
    Executor blockWork() {
        return task -> {
            Authentication caller = Jenkins.getAuthentication2();
            blockWork.execute(() -> {
                try (ACLContext ignored = ACL.as2(caller)) {
                    task.run();
                }
            });
        };
    }

    /** When a block resumed after a restart renews its session: spread at random, see {@link RefreshSchedule}. */
    Duration resumeDelay(Instant expiration) {
        long seconds =
                SystemProperties.getLong(RESUME_SPREAD_PROPERTY, RefreshSchedule.DEFAULT_RESUME_SPREAD.toSeconds());
        return refreshSchedule()
                .resumeDelay(expiration, Duration.ofSeconds(Math.max(0, seconds)), ThreadLocalRandom.current());
    }

    /** The revocations that did not go as their mapping asked, for {@link RevocationMonitor}. */
    RevocationProblems revocationProblems() {
        return revocationProblems;
    }

    /** Whether a block whose session could not be revoked fails ("Fail the build when revocation fails"). */
    boolean failOnRevocationFailure() {
        return AwsRoleConfiguration.get().isFailOnRevocationFailure();
    }

    private static ExecutorService pool(String name, int size) {
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads(name));
        pool.allowCoreThreadTimeOut(true);
        return new ContextResettingExecutorService(pool);
    }

    private static ThreadFactory threads(String name) {
        return new NamingThreadFactory(new DaemonThreadFactory(), "aws-oidc-role " + name);
    }

    /** Which builds may run the trust checks from a Pipeline (the configured jobs; never change requests, replays). */
    public TrustCheckGate trustCheckGate() {
        return AwsRoleConfiguration.get().trustCheckGate();
    }

    /**
     * A trust probe over the current trust mappings, issuer and STS settings, sharing this service's STS client.
     *
     * @throws IllegalArgumentException when the issuer cannot be set up (no Jenkins URL configured, a bad issuer URL)
     */
    public TrustProbe probe() {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        return new TrustProbe(config.trustMappings(), config.issuer(), sts(), config.brokerSettings());
    }

    /**
     * Runs the drift check with the configured drift reader role.
     *
     * @throws IllegalStateException when no drift reader role is configured (the message says how to set one up)
     * @throws IllegalArgumentException when the mappings have errors or the issuer cannot be set up
     * @throws StsExchangeException when AWS refuses the reader role
     */
    public DriftReport checkDrift() throws InterruptedException {
        DriftReport report = checkDrift(controllerAudit);
        driftReports.put(report);
        return report;
    }

    /**
     * The drift report for {@code awsRoleDriftCheck} in a build: the last one when it is at most {@value
     * #DRIFT_REUSE_MINUTES} minutes old, else a new one, whose controller session is an audit event of that build.
     * However many builds ask, IAM is read at most once per {@value #DRIFT_REUSE_MINUTES} minutes (and, after a
     * failure, not again for a minute).
     *
     * @throws IllegalStateException when no reader role is configured, or the check failed less than a minute ago
     */
    SharedCheck.Result<DriftReport> driftReportFor(BuildIdentity caller) throws InterruptedException {
        return driftReports.get(() ->
                checkDrift(controllerAudit.forBuild(caller.jobFullName(), caller.buildNumber(), DriftCheckRun.STEP)));
    }

    private DriftReport checkDrift(ControllerAudit audited) throws InterruptedException {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        String reader = config.getDriftReaderRoleArn();
        if (reader == null) {
            throw new IllegalStateException(Messages.DriftCheck_NoReader());
        }
        BrokerSettings settings = config.controllerSessionSettings();
        // IAM goes to the IAM endpoint, never to the STS override: STS endpoints do not serve IAM.
        return DriftReader.check(
                config.trustPlan(),
                reader,
                new ControllerSessions(config.issuer(), sts(), settings, audited),
                config.iamEndpoint(),
                JenkinsProxy.current());
    }
}
