package io.jenkins.plugins.awsrole.engine.revoke;

import io.jenkins.plugins.awsrole.engine.sts.ProxySettings;
import io.jenkins.plugins.awsrole.engine.sts.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link Revoker} reaches IAM.
 *
 * @param iamEndpoint an IAM endpoint to use instead of the SDK's (VPC endpoint, FIPS, tests), or {@code null}
 * @param iamRegion the signing region of IAM calls, or {@code null} for the global region of the role's partition
 *     ({@code aws-global}, {@code aws-cn-global}, {@code aws-us-gov-global}, ...)
 * @param retryPolicy how often and how long a read-modify-write is retried on throttling, conflicts and 5xx
 * @param maxPolicyCharacters the size the revocation policy may reach; IAM's limit of {@value
 *     RevocationPolicy#IAM_ROLE_INLINE_LIMIT} covers all inline policies of a role together, so lower this when the
 *     target roles have other inline policies
 * @param proxy the HTTP proxy to reach IAM through, or {@link ProxySettings#NONE}
 */
public record RevokerSettings(
        URI iamEndpoint, String iamRegion, RetryPolicy retryPolicy, int maxPolicyCharacters, ProxySettings proxy) {

    /** Six attempts within 60 seconds, waits capped at 0.25 s, 0.5 s, 1 s, 2 s, 4 s; each attempt at most 10 s. */
    public static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(
            6, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10));

    /** Validates the settings. */
    public RevokerSettings {
        iamRegion = iamRegion == null || iamRegion.isBlank() ? null : iamRegion.strip();
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(proxy, "proxy");
        if (maxPolicyCharacters < 200 || maxPolicyCharacters > RevocationPolicy.IAM_ROLE_INLINE_LIMIT) {
            throw new IllegalArgumentException("The revocation policy size limit must be between 200 and "
                    + RevocationPolicy.IAM_ROLE_INLINE_LIMIT + " characters, got " + maxPolicyCharacters + ".");
        }
    }

    /** Settings without a proxy. */
    public RevokerSettings(URI iamEndpoint, String iamRegion, RetryPolicy retryPolicy, int maxPolicyCharacters) {
        this(iamEndpoint, iamRegion, retryPolicy, maxPolicyCharacters, ProxySettings.NONE);
    }

    /** The SDK's IAM endpoint, the partition's global region, default retries, IAM's full limit, no proxy. */
    public static RevokerSettings defaults() {
        return new RevokerSettings(null, null, DEFAULT_RETRY, RevocationPolicy.IAM_ROLE_INLINE_LIMIT);
    }

    /** These settings with another IAM endpoint. */
    public RevokerSettings withEndpoint(URI endpoint) {
        return new RevokerSettings(endpoint, iamRegion, retryPolicy, maxPolicyCharacters, proxy);
    }

    /** These settings with another retry policy. */
    public RevokerSettings withRetryPolicy(RetryPolicy policy) {
        return new RevokerSettings(iamEndpoint, iamRegion, policy, maxPolicyCharacters, proxy);
    }

    /** These settings with another size limit. */
    public RevokerSettings withMaxPolicyCharacters(int max) {
        return new RevokerSettings(iamEndpoint, iamRegion, retryPolicy, max, proxy);
    }

    /** These settings with another proxy. */
    public RevokerSettings withProxy(ProxySettings via) {
        return new RevokerSettings(iamEndpoint, iamRegion, retryPolicy, maxPolicyCharacters, via);
    }
}
