package io.jenkins.plugins.awsrole.engine.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/** Jenkins' proxy setting as the engine reads it: which hosts bypass the proxy, and what never shows. */
class ProxySettingsTest {

    @Test
    void noProxyMeansEveryHostGoesDirect() {
        assertThat(ProxySettings.NONE.isConfigured()).isFalse();
        assertThat(ProxySettings.NONE.appliesTo("sts.us-east-1.amazonaws.com")).isFalse();
        assertThat(ProxySettings.NONE.address()).isNull();
        assertThat(ProxySettings.NONE).hasToString("ProxySettings[none]");
    }

    @Test
    void everyHostGoesThroughAProxyWithoutNoProxyHosts() {
        ProxySettings proxy = ProxySettings.of(" proxy.example.com ", 3128, null, null, null);

        assertThat(proxy.isConfigured()).isTrue();
        assertThat(proxy.address()).isEqualTo("proxy.example.com:3128");
        assertThat(proxy.appliesTo("sts.us-east-1.amazonaws.com")).isTrue();
        assertThat(proxy.appliesTo("127.0.0.1"))
                .as("loopback is not exempt unless listed, unlike the JDK's default selector")
                .isTrue();
    }

    /** Jenkins' syntax: any of space, tab, new line, comma and | separates; * is any text; the whole host must match. */
    @Test
    void noProxyHostsFollowJenkinsSyntaxAndMatchWholeHostNames() {
        ProxySettings proxy = ProxySettings.of(
                "proxy", 3128, null, null, "*.internal.example.com,127.0.0.1 | localhost\n\tsts.*.amazonaws.com");

        assertThat(proxy.noProxyHosts())
                .containsExactly("*.internal.example.com", "127.0.0.1", "localhost", "sts.*.amazonaws.com");
        assertThat(proxy.appliesTo("iam.internal.example.com")).isFalse();
        assertThat(proxy.appliesTo("internal.example.com"))
                .as("*. needs a label before it")
                .isTrue();
        assertThat(proxy.appliesTo("127.0.0.1")).isFalse();
        assertThat(proxy.appliesTo("127.0.0.10"))
                .as("a pattern matches the whole host")
                .isTrue();
        assertThat(proxy.appliesTo("LOCALHOST"))
                .as("host names compare without case")
                .isFalse();
        assertThat(proxy.appliesTo("sts.eu-west-1.amazonaws.com")).isFalse();
        assertThat(proxy.appliesTo("iam.amazonaws.com")).isTrue();
    }

    /** In Jenkins "." is escaped and the rest is a regular expression; here everything but * is literal. */
    @Test
    void charactersOtherThanTheStarAreLiteral() {
        ProxySettings proxy = ProxySettings.of("proxy", 3128, null, null, "[::1] a+b.example host?");

        assertThat(proxy.appliesTo("[::1]")).isFalse();
        assertThat(proxy.appliesTo(":")).as("[::1] is no character class").isTrue();
        assertThat(proxy.appliesTo("a+b.example")).isFalse();
        assertThat(proxy.appliesTo("aab.example")).isTrue();
        assertThat(proxy.appliesTo("hos")).isTrue();
    }

    @Test
    void thePasswordNeverShows() {
        ProxySettings proxy = ProxySettings.of("proxy", 3128, "alice", "s3cret-password", "localhost");

        assertThat(proxy.username()).isEqualTo("alice");
        assertThat(proxy.toString())
                .contains("proxy:3128", "alice", "localhost")
                .doesNotContain("s3cret-password");
    }

    @Test
    void aBlankUserNameMeansNoCredentials() {
        ProxySettings proxy = ProxySettings.of("proxy", 3128, "  ", "ignored", null);

        assertThat(proxy.username()).isNull();
        assertThat(proxy).isEqualTo(ProxySettings.of("proxy", 3128, null, null, ""));
    }

    @Test
    void settingsAreEqualOnlyWhenEverythingIsTheSame() {
        ProxySettings proxy = ProxySettings.of("proxy", 3128, "alice", "one", "a");

        assertThat(proxy).isEqualTo(ProxySettings.of("proxy", 3128, "alice", "one", "A"));
        assertThat(proxy).hasSameHashCodeAs(ProxySettings.of("proxy", 3128, "alice", "one", "a"));
        assertThat(proxy).isNotEqualTo(ProxySettings.of("proxy", 3128, "alice", "two", "a"));
        assertThat(proxy).isNotEqualTo(ProxySettings.of("proxy", 3129, "alice", "one", "a"));
        assertThat(proxy).isNotEqualTo(ProxySettings.of("proxy", 3128, "alice", "one", "a,b"));
        assertThat(proxy).isNotEqualTo(ProxySettings.NONE);
    }

    @Test
    void anIpv6ProxyIsWrittenWithBrackets() {
        assertThat(ProxySettings.of("::1", 3128, null, null, null).address()).isEqualTo("[::1]:3128");
        assertThat(ProxySettings.of("[::1]", 3128, null, null, null).address()).isEqualTo("[::1]:3128");
    }

    @Test
    void anUnusableSettingSaysWhereToFixIt() {
        assertThatThrownBy(() -> ProxySettings.of(" ", 3128, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host name")
                .hasMessageContaining("HTTP Proxy Configuration");
        assertThatThrownBy(() -> ProxySettings.of("proxy", 0, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port 0")
                .hasMessageContaining("1-65535")
                .hasMessageContaining("HTTP Proxy Configuration");
        assertThatThrownBy(() -> ProxySettings.of("proxy", 65536, null, null, null))
                .hasMessageContaining("port 65536");
    }

    @Test
    void theSdkClientIsBuiltWithTheProxyOrLeftAlone() {
        ApacheHttpClient.Builder builder = ApacheHttpClient.builder();

        assertThat(ProxySettings.NONE.applyTo(builder)).isSameAs(builder);
        assertThat(ProxySettings.of("proxy", 3128, "alice", "pw", "localhost").applyTo(builder))
                .isSameAs(builder);
        builder.build().close();
    }
}
