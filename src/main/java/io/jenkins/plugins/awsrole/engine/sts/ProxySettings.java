package io.jenkins.plugins.awsrole.engine.sts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * The HTTP proxy through which the controller's AWS clients (STS, and IAM for revocation and the drift check) reach
 * AWS, with the hosts that bypass it. Made from Jenkins' own proxy setting by the adapter, so that one setting serves
 * Jenkins and this plugin.
 *
 * <p>No-proxy patterns follow Jenkins' syntax: entries separated by spaces, commas, {@code |} or new lines, {@code *}
 * stands for any characters, and an entry matches a host name as a whole ({@code *.internal} matches
 * {@code sts.internal}, not {@code internal.example}). Unlike Jenkins, which compiles the rest of an entry as a regular
 * expression, every other character is literal, so that {@code [::1]} means that address and not a character class;
 * and host names compare without regard to case, as DNS does.
 *
 * <p>{@link #NONE} leaves the SDK's HTTP client as it is (it then honours the JVM's {@code http(s).proxyHost} system
 * properties and the proxy environment variables, as before this setting existed). A configured proxy replaces those:
 * only Jenkins' setting counts, so that what an administrator sees on the page is what the plugin does.
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class ProxySettings {

    /** No proxy configured in Jenkins. */
    public static final ProxySettings NONE = new ProxySettings(null, 0, null, null, List.of());

    /** What separates no-proxy entries, as in Jenkins' own setting. */
    private static final Pattern SEPARATORS = Pattern.compile("[ \t\n,|]+");

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final List<String> noProxyHosts;
    private final List<Pattern> bypass;

    private ProxySettings(String host, int port, String username, String password, List<String> noProxyHosts) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.noProxyHosts = List.copyOf(noProxyHosts);
        this.bypass = this.noProxyHosts.stream()
                .map(ProxySettings::regex)
                .map(Pattern::compile)
                .toList();
    }

    /**
     * A proxy.
     *
     * @param host the proxy's host name or address
     * @param port its port, 1-65535
     * @param username the user name the proxy asks for, or {@code null}/blank when it asks for none
     * @param password that user's password, or {@code null}
     * @param noProxyHosts the hosts reached directly, in Jenkins' syntax, or {@code null}
     * @throws IllegalArgumentException when the host is blank or the port out of range; the message says where to fix
     *     it
     */
    public static ProxySettings of(String host, int port, String username, String password, String noProxyHosts) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The HTTP proxy has no host name. Set one, or remove the proxy, under"
                    + " Manage Jenkins > System > HTTP Proxy Configuration.");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The HTTP proxy " + host.strip() + " has port " + port
                    + "; a port must be 1-65535. Fix it under Manage Jenkins > System > HTTP Proxy Configuration.");
        }
        String user = username == null || username.isBlank() ? null : username.strip();
        return new ProxySettings(host.strip(), port, user, user == null ? null : password, entries(noProxyHosts));
    }

    private static List<String> entries(String noProxyHosts) {
        List<String> entries = new ArrayList<>();
        if (noProxyHosts != null) {
            for (String entry : SEPARATORS.split(noProxyHosts.strip())) {
                if (!entry.isEmpty()) {
                    entries.add(entry.toLowerCase(Locale.ROOT));
                }
            }
        }
        return entries;
    }

    /** A pattern as a regular expression that matches a whole lower-case host name: {@code *} any, the rest literal. */
    private static String regex(String entry) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int star = entry.indexOf('*'); star >= 0; star = entry.indexOf('*', start)) {
            if (star > start) {
                regex.append(Pattern.quote(entry.substring(start, star)));
            }
            regex.append(".*");
            start = star + 1;
        }
        if (start < entry.length()) {
            regex.append(Pattern.quote(entry.substring(start)));
        }
        return regex.toString();
    }

    /** Whether a proxy is configured at all. */
    public boolean isConfigured() {
        return host != null;
    }

    /**
     * Whether a request to {@code targetHost} goes through the proxy: a proxy is configured and no no-proxy pattern
     * matches the host. The same decision the HTTP client makes, from the same patterns.
     */
    public boolean appliesTo(String targetHost) {
        if (!isConfigured()) {
            return false;
        }
        String name = targetHost == null ? "" : targetHost.toLowerCase(Locale.ROOT);
        return bypass.stream().noneMatch(p -> p.matcher(name).matches());
    }

    /** {@code host:port} of the proxy, for messages; {@code null} when none is configured. */
    public String address() {
        if (!isConfigured()) {
            return null;
        }
        boolean bareIpv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        return (bareIpv6 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The no-proxy entries, lower case, in the order given. */
    public List<String> noProxyHosts() {
        return noProxyHosts;
    }

    /** The proxy's user name, or {@code null}. */
    public String username() {
        return username;
    }

    /**
     * Sets this proxy on an SDK HTTP client builder, replacing the SDK's own reading of system properties and
     * environment variables. {@link #NONE} leaves the builder unchanged.
     *
     * @return the same builder
     */
    public ApacheHttpClient.Builder applyTo(ApacheHttpClient.Builder builder) {
        if (!isConfigured()) {
            return builder;
        }
        Set<String> nonProxyHosts = new LinkedHashSet<>();
        bypass.forEach(p -> nonProxyHosts.add(p.pattern()));
        // The SDK's route planner compares the lower-cased target host with each entry as a whole (String.matches),
        // exactly what appliesTo does with the same expressions. It does not exempt loopback addresses, unlike the
        // JDK's default proxy selector: a request to 127.0.0.1 goes through the proxy unless a pattern lists it.
        ProxyConfiguration.Builder proxy = ProxyConfiguration.builder()
                .endpoint(endpoint())
                .nonProxyHosts(nonProxyHosts)
                .useSystemPropertyValues(false)
                .useEnvironmentVariableValues(false);
        if (username != null) {
            proxy.username(username).password(password == null ? "" : password);
        }
        return builder.proxyConfiguration(proxy.build());
    }

    private URI endpoint() {
        try {
            return new URI("http", null, host, port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "The HTTP proxy host " + host + " is not a host name or address. Fix it under Manage Jenkins >"
                            + " System > HTTP Proxy Configuration.",
                    e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySettings other
                && port == other.port
                && Objects.equals(host, other.host)
                && Objects.equals(username, other.username)
                && Objects.equals(password, other.password)
                && noProxyHosts.equals(other.noProxyHosts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, noProxyHosts);
    }

    /** The proxy without its password. */
    @Override
    public String toString() {
        if (!isConfigured()) {
            return "ProxySettings[none]";
        }
        return "ProxySettings[" + address() + (username == null ? "" : ", user " + username + ", password ****")
                + ", no proxy for " + noProxyHosts + "]";
    }
}
