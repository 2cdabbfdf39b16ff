package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.util.Secret;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/**
 * The expander's decision ({@link AwsEnvironment#plan()}) and how it is applied. {@code Secret} needs a running
 * Jenkins to encrypt, so secrets are mocks here, and the plan is applied to a TreeMap ordered like {@code EnvVars}
 * (which inherits {@code remove} from TreeMap and only adds a null check to {@code put}). {@code expand} itself runs in
 * the live tests ({@code AwsEnvironmentJenkinsTest}).
 */
class AwsEnvironmentTest {

    static final String KEY_ID = "ASIAEXAMPLEKEYID0001";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQ";
    static final Instant EXPIRATION = Instant.parse("2026-11-25T21:00:00.123456Z");

    static AwsEnvironment environment(String region) {
        return new AwsEnvironment(secret(KEY_ID), secret(SECRET_KEY), secret(TOKEN), EXPIRATION, region);
    }

    static Secret secret(String plainText) {
        Secret secret = mock(Secret.class);
        when(secret.getPlainText()).thenReturn(plainText);
        return secret;
    }

    @Test
    void setsTheSessionAndBothRegionVariablesAndRemovesConflictingOnes() {
        AwsEnvironment.Plan plan = environment("eu-west-1").plan();

        assertThat(plan.set())
                .containsOnly(
                        entry("AWS_ACCESS_KEY_ID", KEY_ID),
                        entry("AWS_SECRET_ACCESS_KEY", SECRET_KEY),
                        entry("AWS_SESSION_TOKEN", TOKEN),
                        entry("AWS_CREDENTIAL_EXPIRATION", "2026-11-25T21:00:00Z"),
                        entry("AWS_REGION", "eu-west-1"),
                        entry("AWS_DEFAULT_REGION", "eu-west-1"));
        assertThat(plan.remove())
                .containsExactlyInAnyOrder("AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN");
    }

    @Test
    void withoutRegionTheBuildsRegionVariablesStayAsTheyAre() {
        for (String none : new String[] {null, "", "  "}) {
            AwsEnvironment.Plan plan = environment(none).plan();

            assertThat(plan.set()).doesNotContainKeys("AWS_REGION", "AWS_DEFAULT_REGION");
            assertThat(plan.remove()).doesNotContain("AWS_REGION", "AWS_DEFAULT_REGION");
            assertThat(plan.set()).containsKeys("AWS_ACCESS_KEY_ID", "AWS_CREDENTIAL_EXPIRATION");
        }
    }

    @Test
    void afterClearTheCredentialVariablesAreRemovedInsteadOfSet() {
        AwsEnvironment environment = environment("us-east-2");

        environment.clear();
        AwsEnvironment.Plan plan = environment.plan();

        assertThat(environment.isCleared()).isTrue();
        assertThat(environment.getExpiration()).isNull();
        assertThat(plan.set()).isEmpty();
        assertThat(plan.remove())
                .containsExactlyInAnyOrder(
                        "AWS_ACCESS_KEY_ID",
                        "AWS_SECRET_ACCESS_KEY",
                        "AWS_SESSION_TOKEN",
                        "AWS_CREDENTIAL_EXPIRATION",
                        "AWS_PROFILE",
                        "AWS_WEB_IDENTITY_TOKEN_FILE",
                        "AWS_ROLE_ARN");
    }

    @Test
    void applyingThePlanReplacesAmbientCredentialsAndKeepsEverythingElse() {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.put("PATH", "/usr/bin");
        env.put("aws_profile", "prod-admin");
        env.put("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/other");
        env.put("AWS_ACCESS_KEY_ID", "AKIASTATICKEY");
        env.put("AWS_REGION", "us-west-2");

        environment(null).plan().applyTo(env);

        assertThat(env)
                .containsOnly(
                        entry("PATH", "/usr/bin"),
                        entry("AWS_REGION", "us-west-2"),
                        entry("AWS_ACCESS_KEY_ID", KEY_ID),
                        entry("AWS_SECRET_ACCESS_KEY", SECRET_KEY),
                        entry("AWS_SESSION_TOKEN", TOKEN),
                        entry("AWS_CREDENTIAL_EXPIRATION", "2026-11-25T21:00:00Z"),
                        entry("AWS_PROFILE", ""),
                        entry("AWS_ROLE_ARN", ""),
                        entry("AWS_WEB_IDENTITY_TOKEN_FILE", ""));
        assertThat(new java.util.ArrayList<>(env.keySet()))
                .contains("AWS_PROFILE")
                .doesNotContain("aws_profile");
    }

    @Test
    void applyingTheClearedPlanLeavesNoCredentials() {
        AwsEnvironment environment = environment("eu-west-1");
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        environment.plan().applyTo(env);

        environment.clear();
        environment.plan().applyTo(env);

        assertThat(env)
                .containsOnly(
                        entry("AWS_REGION", "eu-west-1"),
                        entry("AWS_DEFAULT_REGION", "eu-west-1"),
                        entry("AWS_ACCESS_KEY_ID", ""),
                        entry("AWS_SECRET_ACCESS_KEY", ""),
                        entry("AWS_SESSION_TOKEN", ""),
                        entry("AWS_CREDENTIAL_EXPIRATION", ""),
                        entry("AWS_PROFILE", ""),
                        entry("AWS_ROLE_ARN", ""),
                        entry("AWS_WEB_IDENTITY_TOKEN_FILE", ""));
    }

    @Test
    void theThreeCredentialVariablesAreSensitiveBeforeAndAfterClear() {
        AwsEnvironment environment = environment("eu-west-1");

        assertThat(environment.getSensitiveVariables())
                .containsExactlyInAnyOrder("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        environment.clear();
        assertThat(environment.getSensitiveVariables()).hasSize(3);
    }

    @Test
    void textFormsShowNoSecret() {
        AwsEnvironment environment = environment("eu-west-1");

        assertThat(environment.toString() + environment.plan())
                .contains("2026-11-25T21:00:00Z", "eu-west-1", "AWS_SESSION_TOKEN")
                .doesNotContain(KEY_ID, SECRET_KEY, TOKEN);
        environment.clear();
        assertThat(environment).hasToString("AwsEnvironment[cleared]");
    }

    @Test
    void ofWrapsEachCredentialInASecret() {
        try (MockedStatic<Secret> secrets = mockStatic(Secret.class)) {
            secrets.when(() -> Secret.fromString(anyString()))
                    .thenAnswer(call -> secret(call.getArgument(0, String.class)));

            AwsEnvironment environment = AwsEnvironment.of(KEY_ID, SECRET_KEY, TOKEN, EXPIRATION, " eu-west-1 ");

            assertThat(environment.plan().set())
                    .contains(
                            entry("AWS_ACCESS_KEY_ID", KEY_ID),
                            entry("AWS_SECRET_ACCESS_KEY", SECRET_KEY),
                            entry("AWS_SESSION_TOKEN", TOKEN),
                            entry("AWS_REGION", "eu-west-1"));
            secrets.verify(() -> Secret.fromString(anyString()), org.mockito.Mockito.times(3));
        }
    }

    @Test
    void ofRefusesMissingCredentialsNamingTheVariable() {
        assertThatThrownBy(() -> AwsEnvironment.of(KEY_ID, " ", TOKEN, EXPIRATION, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY")
                .hasMessageNotContaining(KEY_ID)
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> AwsEnvironment.of(null, SECRET_KEY, TOKEN, EXPIRATION, null))
                .hasMessageContaining("AWS_ACCESS_KEY_ID");
        assertThatThrownBy(() -> AwsEnvironment.of(KEY_ID, SECRET_KEY, "", EXPIRATION, null))
                .hasMessageContaining("AWS_SESSION_TOKEN");
        assertThatThrownBy(() -> AwsEnvironment.of(KEY_ID, SECRET_KEY, TOKEN, null, null))
                .hasMessageContaining("expiration")
                .hasMessageNotContaining(SECRET_KEY);
    }
}
