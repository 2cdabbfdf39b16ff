package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Controller-wide settings of the exchange.
 *
 * @param tokenLifetime how long identity tokens live
 * @param defaultRegion the region of mappings that name none, or {@code null}
 * @param stsEndpoint an STS endpoint to use instead of the SDK's (VPC endpoint, FIPS, tests), or {@code null}
 */
public record BrokerSettings(Duration tokenLifetime, String defaultRegion, URI stsEndpoint) {

    /** The region of the STS call when neither the block, the mapping nor the settings name one. */
    public static final String FALLBACK_STS_REGION = "us-east-1";

    public BrokerSettings {
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion.strip();
    }

    /** Default token lifetime, no default region, the SDK's own endpoint. */
    public static BrokerSettings defaults() {
        return new BrokerSettings(TokenRequest.DEFAULT_LIFETIME, null, null);
    }
}
