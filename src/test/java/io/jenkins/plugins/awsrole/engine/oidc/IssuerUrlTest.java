package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssuerUrlTest {

    @Test
    void httpsUrlWithPathIsAcceptedWithoutWarnings() {
        IssuerUrl url = IssuerUrl.parse("https://jenkins.example.com/ci/aws-oidc-role");

        assertThat(url.value()).isEqualTo("https://jenkins.example.com/ci/aws-oidc-role");
        assertThat(url.discoveryUrl())
                .isEqualTo("https://jenkins.example.com/ci/aws-oidc-role/.well-known/openid-configuration");
        assertThat(url.jwksUrl()).isEqualTo("https://jenkins.example.com/ci/aws-oidc-role/jwks");
        assertThat(url.isHttps()).isTrue();
        assertThat(url.warnings()).isEmpty();
    }

    @Test
    void httpIsAcceptedButWarnedAbout() {
        IssuerUrl url = IssuerUrl.parse("http://localhost:8080/jenkins/aws-oidc-role");

        assertThat(url.isHttps()).isFalse();
        assertThat(url.warnings())
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("AWS STS accepts only https"))
                .anySatisfy(w -> assertThat(w).contains("explicit port (8080)"));
    }

    @Test
    void upperCaseHostIsWarnedAbout() {
        assertThat(IssuerUrl.parse("https://Jenkins.Example.com").warnings())
                .singleElement()
                .asString()
                .contains("case-sensitively");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://jenkins.example.com/aws-oidc-role/ | must not end with '/': use 'https://jenkins.example.com/aws-oidc-role'",
                "https://jenkins.example.com/ | must not end with '/'",
                "https://jenkins.example.com/x?a=b | must not have a query",
                "https://jenkins.example.com/x? | must not have a query",
                "https://jenkins.example.com/x#top | must not have a fragment",
                "ftp://jenkins.example.com/x | must start with https://",
                "HTTPS://jenkins.example.com/x | must start with https:// (lower case)",
                "jenkins.example.com/x | must start with https://",
                "/aws-oidc-role | must start with https://",
                "https:///x | has no host name",
                "https://user:pw@jenkins.example.com/x | user name or password",
                "https://jenkins example.com | is not a valid URL",
            })
    void invalidUrlsAreRejectedSayingWhatToFix(String url, String message) {
        assertThatThrownBy(() -> IssuerUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void lengthLimit() {
        String base = "https://jenkins.example.com/";
        assertThat(IssuerUrl.parse(base + "a".repeat(255 - base.length())).value())
                .hasSize(255);
        assertThatThrownBy(() -> IssuerUrl.parse(base + "a".repeat(256 - base.length())))
                .hasMessageContaining("256 characters");
        assertThatThrownBy(() -> IssuerUrl.parse(" ")).hasMessageContaining("empty");
    }

    @Test
    void defaultIssuerIsUnderTheJenkinsRootUrl() {
        assertThat(IssuerUrl.underJenkinsRoot("https://ci.example.com/").value())
                .isEqualTo("https://ci.example.com/aws-oidc-role");
        assertThat(IssuerUrl.underJenkinsRoot("https://ci.example.com/jenkins").value())
                .isEqualTo("https://ci.example.com/jenkins/aws-oidc-role");
        assertThatThrownBy(() -> IssuerUrl.underJenkinsRoot(null))
                .hasMessageContaining("Jenkins has no URL configured");
    }

    @Test
    void equalityIsByValue() {
        assertThat(IssuerUrl.parse("https://a.example.com/x"))
                .isEqualTo(IssuerUrl.parse(" https://a.example.com/x "))
                .hasSameHashCodeAs(IssuerUrl.parse("https://a.example.com/x"))
                .hasToString("https://a.example.com/x");
    }
}
