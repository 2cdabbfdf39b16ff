package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.net.URI;
import org.junit.jupiter.api.Test;

class StsSettingsTest {

    private static final TrustMapping WITH_REGION = mapping("eu-west-1");
    private static final TrustMapping WITHOUT_REGION = mapping(null);

    @Test
    void acceptsHttpsAndHttpEndpoints() {
        assertThat(StsSettings.parseEndpoint(" https://sts.eu-west-1.amazonaws.com "))
                .isEqualTo(URI.create("https://sts.eu-west-1.amazonaws.com"));
        assertThat(StsSettings.parseEndpoint("https://vpce-0a1b-xyz.sts.eu-west-1.vpce.amazonaws.com/"))
                .hasHost("vpce-0a1b-xyz.sts.eu-west-1.vpce.amazonaws.com");
        assertThat(StsSettings.parseEndpoint("http://127.0.0.1:4566")).hasPort(4566);
    }

    @Test
    void blankMeansThePublicEndpoint() {
        assertThat(StsSettings.parseEndpoint(null)).isNull();
        assertThat(StsSettings.parseEndpoint("  ")).isNull();
    }

    @Test
    void plainHttpIsAllowedWithAWarning() {
        assertThat(StsSettings.endpointWarning(URI.create("http://localhost:4566")))
                .contains("unencrypted");
        assertThat(StsSettings.endpointWarning(URI.create("https://sts.amazonaws.com")))
                .isNull();
    }

    @Test
    void refusesWhatIsNotAnAbsoluteHttpUrl() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StsSettings.parseEndpoint("sts.eu-west-1.amazonaws.com"))
                .withMessage("'sts.eu-west-1.amazonaws.com' must start with https:// (http:// only for a local test"
                        + " server), like https://sts-fips.us-east-1.amazonaws.com.");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StsSettings.parseEndpoint("ftp://sts.amazonaws.com"))
                .withMessageContaining("must start with https://");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StsSettings.parseEndpoint("https:///path"))
                .withMessageContaining("has no host name");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StsSettings.parseEndpoint("https://sts .amazonaws.com"))
                .withMessageStartingWith("'https://sts .amazonaws.com' is not a URL (");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StsSettings.parseEndpoint("https://sts.amazonaws.com/?Action=x"))
                .withMessageContaining("has a query");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StsSettings.parseEndpoint("https://sts.amazonaws.com/#x"))
                .withMessageContaining("fragment");
    }

    @Test
    void refusesCredentialsInTheUrlWithoutRepeatingThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StsSettings.parseEndpoint("https://admin:hunter2@sts.amazonaws.com"))
                .withMessageContaining("must not contain a user name or password")
                .withMessageNotContaining("hunter2");
    }

    private static TrustMapping mapping(String region) {
        return TrustMapping.builder()
                .stage("deploy")
                .roleArn("arn:aws:iam::123456789012:role/deploy")
                .region(region)
                .jobs("**")
                .build();
    }
}
