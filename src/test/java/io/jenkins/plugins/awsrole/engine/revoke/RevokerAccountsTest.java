package io.jenkins.plugins.awsrole.engine.revoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RevokerAccountsTest {

    private static final String REVOKER = "arn:aws:iam::123456789012:role/ops/jenkins-revoker";

    @Test
    void aRoleOfTheRevokersAccountIsRevokedByTheRevokerItself() {
        assertThat(RevokerAccounts.revokerRoleFor(REVOKER, "arn:aws:iam::123456789012:role/deploy"))
                .isNull();
    }

    @Test
    void aRoleOfAnotherAccountIsRevokedByTheRevokersNamesakeThere() {
        assertThat(RevokerAccounts.revokerRoleFor(REVOKER, "arn:aws:iam::210987654321:role/app/deploy"))
                .isEqualTo("arn:aws:iam::210987654321:role/ops/jenkins-revoker");
    }

    @Test
    void somethingThatIsNoRoleArnIsRefused() {
        assertThatThrownBy(() -> RevokerAccounts.revokerRoleFor(REVOKER, "arn:aws:iam::210987654321:user/bob"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
