package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRequestTest {

    private static final TokenRequest BASE = TokenRequest.of(BuildIdentity.ofJob("app", 1, null), "deploy");

    @Test
    void defaults() {
        assertThat(BASE.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(BASE.lifetime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(BASE.subjectTemplate()).isEqualTo(SubjectTemplate.DEFAULT);
        assertThat(BASE.sessionTags()).isNull();
        assertThat(BASE.sourceIdentity()).isNull();
    }

    @Test
    void lifetimeIsSixtyTo3600WholeSeconds() {
        assertThat(BASE.withLifetime(Duration.ofSeconds(60)).lifetime()).hasSeconds(60);
        assertThat(BASE.withLifetime(Duration.ofSeconds(3600)).lifetime()).hasSeconds(3600);
        assertThatThrownBy(() -> BASE.withLifetime(Duration.ofSeconds(59)))
                .hasMessage("The token lifetime must be 60 to 3600 seconds, got 59.");
        assertThatThrownBy(() -> BASE.withLifetime(Duration.ofSeconds(3601))).hasMessageContaining("3601");
        assertThatThrownBy(() -> BASE.withLifetime(Duration.ofMillis(60500))).hasMessageContaining("whole seconds");
    }

    @Test
    void audienceIsCheckedAgainstAwsClientIdLimits() {
        assertThat(BASE.withAudience("a".repeat(255)).audience()).hasSize(255);
        assertThatThrownBy(() -> BASE.withAudience("a".repeat(256))).hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> BASE.withAudience(" ")).hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> BASE.withAudience(null)).hasMessageContaining("1 to 255");
    }

    @Test
    void stageMustBeGiven() {
        assertThatThrownBy(() -> TokenRequest.of(BuildIdentity.ofJob("app", 1, null), " "))
                .hasMessageContaining("stage");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ab",
                "team.app@42",
                "a_b+c=d,e.f@g-h",
                "x234567890123456789012345678901234567890123456789012345678901234"
            })
    void validSourceIdentities(String value) {
        assertThat(BASE.withSourceIdentity(value).sourceIdentity()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "x2345678901234567890123456789012345678901234567890123456789012345",
                "team/app",
                "has space",
                "é-accent",
                ""
            })
    void invalidSourceIdentities(String value) {
        assertThatThrownBy(() -> BASE.withSourceIdentity(value)).hasMessageContaining("2 to 64 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws:team", "AWS:team", "Aws:x"})
    void sourceIdentityMustNotStartWithAws(String value) {
        assertThatThrownBy(() -> BASE.withSourceIdentity(value)).hasMessageContaining("'aws:'");
    }
}
