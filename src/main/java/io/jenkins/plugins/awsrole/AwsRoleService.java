package io.jenkins.plugins.awsrole;

import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.session.SessionBroker;
import io.jenkins.plugins.awsrole.engine.session.SessionRefusedException;
import io.jenkins.plugins.awsrole.engine.session.SessionRequest;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;

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

    /** The shared STS exchange, for the configuration page's mapping test. */
    StsExchange sts() {
        return sts;
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
}
