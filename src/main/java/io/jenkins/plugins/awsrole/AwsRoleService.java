package io.jenkins.plugins.awsrole;

import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.awsrole.engine.session.BrokerSettings;
import io.jenkins.plugins.awsrole.engine.session.ControllerSessions;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.session.SessionBroker;
import io.jenkins.plugins.awsrole.engine.session.SessionRefusedException;
import io.jenkins.plugins.awsrole.engine.session.SessionRequest;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustProbe;

/**
 * The controller's one connection to STS, and the broker made from the current configuration. The STS client is
 * shared because it pools HTTP connections; the broker is made per request so that it always sees the configuration
 * as it is now.
 */
@Extension
public final class AwsRoleService {

    private final StsExchange sts = new StsExchange();

    public static AwsRoleService get() {
        return ExtensionList.lookupSingleton(AwsRoleService.class);
    }

    /**
     * A broker over the current trust mappings, issuer and STS settings.
     *
     * @throws IllegalArgumentException when the issuer cannot be set up (no Jenkins URL configured, a bad issuer URL)
     */
    public SessionBroker broker() {
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        return new SessionBroker(config.trustMappings(), config.issuer(), sts, config.brokerSettings());
    }

    /**
     * A session from the broker, or a refusal that fails the block or build with its message and no stack trace: the
     * message already says which rule failed, or what AWS said and what to fix.
     */
    static GrantedSession obtain(SessionBroker broker, SessionRequest request)
            throws AbortException, InterruptedException {
        try {
            return broker.obtain(request);
        } catch (SessionRefusedException | StsExchangeException | IllegalArgumentException e) {
            throw new AbortException(Messages.AwsRoleStep_Refused(request.stage(), e.getMessage()));
        }
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
                sts,
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
                new ControllerSessions(config.issuer(), sts, settings),
                settings.stsEndpoint());
    }
}
