package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.revoke.Revoker;
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
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustProbe;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jenkins.util.Timer;

/**
 * The controller's one connection to STS, the broker made from the current configuration, the revoker and the audit
 * trail. The STS client is shared because it pools HTTP connections; the broker is made per request so that it always
 * sees the configuration as it is now; the revoker is kept (it serializes revocations per role and remembers what it
 * revoked) and made anew only when the revocation role, the IAM endpoint or Jenkins' HTTP proxy changes. The STS
 * client too is made anew when Jenkins' HTTP proxy setting changes ({@link #sts()}).
 */
@Extension
public final class AwsRoleService {

    /** What the controller's revoker token is for: its {@code sub} is {@code jenkins:controller:revoker}. */
    static final String REVOKER_PURPOSE = "revoker";

    /**
     * An IAM endpoint for the revoker instead of the partition's global one (a test server, an IAM VPC endpoint).
     * A system property rather than a setting: almost nobody needs it, and the STS endpoint override cannot stand in
     * for it, because STS VPC endpoints do not serve IAM.
     */
    static final String IAM_ENDPOINT_PROPERTY = AwsRoleService.class.getName() + ".iamEndpoint";

    /** The exchange for the proxy setting last seen; made on first use. */
    @CheckForNull
    private StsExchange sts;

    /** Exchanges replaced after a proxy change, closed once no call can still be using them, or at shutdown. */
    private final List<StsExchange> retired = new ArrayList<>();

    private final AuditLog audit = new AuditLog();
    private final ControllerAudit controllerAudit = new ControllerAudit(audit);

    @CheckForNull
    private Revoker revoker;

    @CheckForNull
    private RevokerSetup revokerSetup;

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
                : new RevokerSetup(
                        roleArn,
                        StsSettings.parseEndpoint(System.getProperty(IAM_ENDPOINT_PROPERTY)),
                        JenkinsProxy.current());
        if (!Objects.equals(wanted, revokerSetup)) {
            if (revoker != null) {
                revoker.close();
            }
            revoker = wanted == null ? null : newRevoker(wanted);
            revokerSetup = wanted;
        }
        return revoker;
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
        if (revoker != null) {
            revoker.close();
            revoker = null;
            revokerSetup = null;
        }
        if (sts != null) {
            sts.close();
            sts = null;
        }
        retired.forEach(StsExchange::close);
        retired.clear();
    }

    private Revoker newRevoker(RevokerSetup setup) {
        RevokerCredentials credentials = new RevokerCredentials(
                () -> {
                    // The configuration as it is at the moment of asking: issuer keys and STS settings may change.
                    AwsRoleConfiguration config = AwsRoleConfiguration.get();
                    return new ControllerSessions(config.issuer(), sts(), config.brokerSettings(), controllerAudit)
                            .obtain(setup.roleArn(), REVOKER_PURPOSE, TrustMapping.DEFAULT_AUDIENCE);
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
            SessionBroker broker, SessionRequest request, AuditLog audit, Function<GrantedSession, AuditEvent> success)
            throws InterruptedException {
        try {
            GrantedSession granted = broker.obtain(request);
            audit.record(success.apply(granted));
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

    /** Where block renewals run: Jenkins' shared timer, off the CPS thread. */
    ScheduledExecutorService timer() {
        return Timer.get();
    }

    /**
     * A trust probe over the current trust mappings, issuer and STS settings, sharing this service's STS client.
     *
     * @throws IllegalArgumentException when the issuer cannot be set up (no Jenkins URL configured, a bad issuer URL)
     */
    public TrustProbe probe() {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        BrokerSettings settings = config.brokerSettings();
        return new TrustProbe(
                config.trustMappings(),
                config.issuer(),
                sts(),
                settings.defaultRegion() == null ? BrokerSettings.FALLBACK_STS_REGION : settings.defaultRegion(),
                settings.stsEndpoint());
    }

    /**
     * Runs the drift check with the configured drift reader role.
     *
     * @throws IllegalStateException when no drift reader role is configured (the message says how to set one up)
     * @throws IllegalArgumentException when the mappings have errors or the issuer cannot be set up
     * @throws StsExchangeException when AWS refuses the reader role
     */
    public DriftReport checkDrift() throws InterruptedException {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        String reader = config.getDriftReaderRoleArn();
        if (reader == null) {
            throw new IllegalStateException(Messages.DriftCheck_NoReader());
        }
        BrokerSettings settings = config.brokerSettings();
        // IAM goes to the STS override too: a private endpoint or a local test server serves both.
        return DriftReader.check(
                config.trustPlan(),
                reader,
                new ControllerSessions(config.issuer(), sts(), settings, controllerAudit),
                settings.stsEndpoint(),
                JenkinsProxy.current());
    }
}
