package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the builds' STS calls go: the region used when a mapping names none, and an optional endpoint that replaces
 * the region's public STS endpoint (a VPC endpoint, a FIPS endpoint, a test server).
 *
 * @param defaultRegion the region for mappings without one, or {@code null}: then builds get no {@code AWS_REGION}, and
 *     STS is called in {@link io.jenkins.plugins.awsrole.engine.session.BrokerSettings#FALLBACK_STS_REGION} (the
 *     session broker picks the region)
 * @param endpoint the STS endpoint override, or {@code null} for the region's public endpoint
 */
public record StsSettings(
        @CheckForNull String defaultRegion, @CheckForNull URI endpoint) {

    /**
     * Reads an endpoint override as typed in the form or JCasC.
     *
     * @return the endpoint, or {@code null} when the text is blank
     * @throws IllegalArgumentException when the text is not an absolute {@code http} or {@code https} URL with a host
     *     and without user information, query or fragment; the message says what to write
     */
    @CheckForNull
    public static URI parseEndpoint(@CheckForNull String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(Messages.StsEndpoint_NotAUrl(value, e.getReason()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(Messages.StsEndpoint_Scheme(value));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(Messages.StsEndpoint_NoHost(value));
        }
        if (uri.getRawUserInfo() != null) {
            // A user name or password in the URL would end up in logs and in the exported configuration.
            throw new IllegalArgumentException(Messages.StsEndpoint_UserInfo());
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(Messages.StsEndpoint_QueryOrFragment(value));
        }
        return uri;
    }

    /** Advice on a valid endpoint, or {@code null}: plain HTTP carries the credentials unencrypted. */
    @CheckForNull
    public static String endpointWarning(URI endpoint) {
        return "http".equalsIgnoreCase(endpoint.getScheme()) ? Messages.StsEndpoint_PlainHttp() : null;
    }
}
