package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
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
 * @param subjectTemplate what every build token's {@code sub} is made of; one for the whole controller, so that every
 *     {@code sub} of the issuer has the same fields and a trust policy's wildcard never stretches over another
 *     template's fields
 */
public record BrokerSettings(
        Duration tokenLifetime, String defaultRegion, URI stsEndpoint, SubjectTemplate subjectTemplate) {

    /** The region of the STS call when neither the block, the mapping nor the settings name one. */
    public static final String FALLBACK_STS_REGION = "us-east-1";

    public BrokerSettings {
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        Objects.requireNonNull(subjectTemplate, "subjectTemplate");
        defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion.strip();
    }

    /** Settings with the default {@code sub} template. */
    public BrokerSettings(Duration tokenLifetime, String defaultRegion, URI stsEndpoint) {
        this(tokenLifetime, defaultRegion, stsEndpoint, SubjectTemplate.DEFAULT);
    }

    /** The same settings with another {@code sub} template. */
    public BrokerSettings withSubjectTemplate(SubjectTemplate template) {
        return new BrokerSettings(tokenLifetime, defaultRegion, stsEndpoint, template);
    }

    /** The region of an STS call for a mapping without one: the default region, else {@value #FALLBACK_STS_REGION}. */
    public String stsRegion() {
        return defaultRegion == null ? FALLBACK_STS_REGION : defaultRegion;
    }

    /** Default token lifetime, no default region, the SDK's own endpoint, the default {@code sub} template. */
    public static BrokerSettings defaults() {
        return new BrokerSettings(TokenRequest.DEFAULT_LIFETIME, null, null);
    }
}
