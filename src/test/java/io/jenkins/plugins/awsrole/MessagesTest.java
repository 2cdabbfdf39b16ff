package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The UI text resolves from Messages.properties, with its arguments in place. */
class MessagesTest {

    @Test
    void textComesFromTheBundleWithArguments() {
        assertThat(Messages.AwsRoleConfiguration_DisplayName()).isEqualTo("AWS OIDC Role");
        assertThat(Messages.AwsRoleConfiguration_TokenLifetimeRange(60, 3600, 5))
                .isEqualTo("The token lifetime must be between 60 and 3600 seconds; it is 5.");
    }
}
