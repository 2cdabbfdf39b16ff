package io.jenkins.plugins.awsrole.engine.trustcode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountRedactionTest {

    @Test
    void accountIdsLeaveArnsAndTextButRoleNamesStay() {
        assertThat(AccountRedaction.redact(
                        "SUB_TOO_BROAD arn:aws:iam::123456789012:role/deploy in account 123456789012"))
                .isEqualTo("SUB_TOO_BROAD arn:aws:iam::<account>:role/deploy in account <account>");
        assertThat(AccountRedaction.redact("build 1234567890123 and 12345678901"))
                .isEqualTo("build 1234567890123 and 12345678901");
        assertThat(AccountRedaction.redact(null)).isNull();
    }
}
