package io.jenkins.plugins.awsrole.engine.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The issuer URL: the {@code iss} of every token, the {@code issuer} of the discovery document, and the URL the AWS
 * IAM OIDC provider is registered with. All three must be identical, so the value is fixed once, here.
 *
 * <p>Rules: an absolute {@code https} (or, for local tests, {@code http}) URL with a host, no user info, no query, no
 * fragment, no trailing slash, at most 255 characters. What AWS would refuse but a local test may use ({@code http},
 * an explicit port) is accepted and reported by {@link #warnings()}, for the UI to show wherever the URL appears.
 */
public final class IssuerUrl {

    /** The path under the Jenkins root URL where the plugin serves the issuer documents. */
    public static final String JENKINS_PATH = "aws-oidc-role";

    /** The longest provider URL AWS IAM accepts. */
    public static final int MAX_LENGTH = 255;

    private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    private static final String JWKS_PATH = "/jwks";

    private final String value;
    private final List<String> warnings;

    private IssuerUrl(String value, List<String> warnings) {
        this.value = value;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Checks and wraps an issuer URL.
     *
     * @throws IllegalArgumentException saying what to change
     */
    public static IssuerUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The issuer URL is empty: give an https URL such as "
                    + "https://jenkins.example.com/aws-oidc-role.");
        }
        String url = text.strip();
        if (url.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "The issuer URL has " + url.length() + " characters; AWS accepts at most " + MAX_LENGTH + ".");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "The issuer URL '" + url + "' is not a valid URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(
                    "The issuer URL must start with https:// (lower case), got '" + url + "'.");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The issuer URL '" + url + "' has no host name.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The issuer URL must not contain a user name or password.");
        }
        if (url.indexOf('?') >= 0) {
            throw new IllegalArgumentException("The issuer URL must not have a query (remove '?' and what follows).");
        }
        if (url.indexOf('#') >= 0) {
            throw new IllegalArgumentException(
                    "The issuer URL must not have a fragment (remove '#' and what follows).");
        }
        if (url.endsWith("/")) {
            throw new IllegalArgumentException("The issuer URL must not end with '/': use '" + url.replaceAll("/+$", "")
                    + "'. AWS compares it character by character with the token's iss.");
        }
        List<String> warnings = new ArrayList<>();
        if (scheme.equals("http")) {
            warnings.add("The issuer URL uses http: AWS STS accepts only https issuers, so this works for local"
                    + " testing only.");
        }
        if (uri.getPort() != -1) {
            warnings.add("The issuer URL has an explicit port (" + uri.getPort() + "): AWS expects issuer URLs"
                    + " without a port, so serve the documents on the default https port.");
        }
        if (!uri.getHost().equals(uri.getHost().toLowerCase(Locale.ROOT))) {
            warnings.add("The issuer URL's host name has upper-case letters: AWS compares the issuer case-sensitively,"
                    + " so register exactly this spelling.");
        }
        return new IssuerUrl(url, warnings);
    }

    /**
     * The default issuer of a controller: its root URL followed by {@value #JENKINS_PATH}.
     *
     * @param jenkinsRootUrl the configured Jenkins URL, with or without a final slash; may be {@code null}
     * @throws IllegalArgumentException if no Jenkins URL is configured, or it is not a valid issuer base
     */
    public static IssuerUrl underJenkinsRoot(String jenkinsRootUrl) {
        if (jenkinsRootUrl == null || jenkinsRootUrl.isBlank()) {
            throw new IllegalArgumentException("Jenkins has no URL configured, so it cannot be an OIDC issuer: set the"
                    + " Jenkins URL (Manage Jenkins > System), or set an issuer URL override.");
        }
        String root = jenkinsRootUrl.strip();
        return parse(root.endsWith("/") ? root + JENKINS_PATH : root + "/" + JENKINS_PATH);
    }

    /** The URL itself: the {@code iss} claim and the discovery document's {@code issuer}. */
    public String value() {
        return value;
    }

    /** Where the discovery document is fetched from: the issuer followed by {@code /.well-known/openid-configuration}. */
    public String discoveryUrl() {
        return value + DISCOVERY_PATH;
    }

    /** The {@code jwks_uri}: the issuer followed by {@code /jwks}. */
    public String jwksUrl() {
        return value + JWKS_PATH;
    }

    /** Whether AWS will fetch from this URL ({@code https}). */
    public boolean isHttps() {
        return value.startsWith("https://");
    }

    /** Why AWS may refuse this URL although it is well formed; empty when there is nothing to say. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssuerUrl other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
