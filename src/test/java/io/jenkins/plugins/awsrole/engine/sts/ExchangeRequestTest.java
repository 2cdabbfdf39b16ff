package io.jenkins.plugins.awsrole.engine.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeRequestTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2VjcmV0LXNpZ25hdHVyZQ";

    @Test
    void keepsWhatItWasGivenAndHidesTheToken() {
        ExchangeRequest request = ExchangeRequest.builder()
                .roleArn("arn:aws-us-gov:iam::111122223333:role/path/deploy")
                .sessionName("app@1-1")
                .webIdentityToken(TOKEN)
                .region("us-gov-west-1")
                .endpoint(URI.create("https://sts.us-gov-west-1.amazonaws.com"))
                .sessionPolicy("  ")
                .build();

        assertThat(request.durationSeconds()).isEqualTo(3600);
        assertThat(request.sessionPolicy()).isEmpty();
        assertThat(request.policyArns()).isEmpty();
        assertThat(request.endpoint()).hasValue(URI.create("https://sts.us-gov-west-1.amazonaws.com"));
        assertThat(request.toString())
                .contains("arn:aws-us-gov:iam::111122223333:role/path/deploy")
                .doesNotContain(TOKEN)
                .doesNotContain("c2VjcmV0LXNpZ25hdHVyZQ");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> ExchangeRequest.builder()
                        .roleArn("deploy")
                        .sessionName("has space")
                        .region("")
                        .durationSeconds(60)
                        .policyArns(Collections.nCopies(11, "arn:aws:iam::aws:policy/ReadOnlyAccess"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role ARN must look like arn:aws:iam::123456789012:role/name, got 'deploy'")
                .hasMessageContaining("session name must be 2-64 characters")
                .hasMessageContaining("a web identity token is needed")
                .hasMessageContaining("a region is needed")
                .hasMessageContaining("between 900 and 43200 seconds, got 60")
                .hasMessageContaining("at most 10 managed policy ARNs");
    }

    @Test
    void tokenNeverAppearsInValidationMessages() {
        assertThatThrownBy(() -> ExchangeRequest.builder()
                        .roleArn("nope")
                        .sessionName("a")
                        .webIdentityToken(TOKEN)
                        .region("us-east-1")
                        .policyArns(List.of())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain(TOKEN);
    }
}
