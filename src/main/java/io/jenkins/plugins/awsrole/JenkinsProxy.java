package io.jenkins.plugins.awsrole;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.sts.ProxySettings;
import jenkins.model.Jenkins;

/**
 * Jenkins' HTTP proxy setting (Manage Jenkins, System, HTTP Proxy Configuration) as the engine's {@link ProxySettings}:
 * host, port, user name and password, and the no-proxy hosts. Read at each use, so that a change applies to the next
 * AWS call without a restart.
 */
final class JenkinsProxy {

    private JenkinsProxy() {}

    /**
     * The proxy Jenkins is configured with now, or {@link ProxySettings#NONE} (also outside a running Jenkins, as in
     * the service's unit tests).
     *
     * @throws IllegalArgumentException when the setting is unusable (no port); the message says where to fix it
     */
    static ProxySettings current() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        return jenkins == null ? ProxySettings.NONE : of(jenkins.getProxy());
    }

    static ProxySettings of(ProxyConfiguration proxy) {
        if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
            return ProxySettings.NONE;
        }
        return ProxySettings.of(
                proxy.getName(),
                proxy.getPort(),
                proxy.getUserName(),
                Secret.toString(proxy.getSecretPassword()),
                proxy.getNoProxyHost());
    }
}
