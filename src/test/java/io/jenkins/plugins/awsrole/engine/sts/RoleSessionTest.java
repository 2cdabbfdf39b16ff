package io.jenkins.plugins.awsrole.engine.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoleSessionTest {

    private static RoleSession withArn(String arn) {
        return new RoleSession(
                "ASIAEXAMPLEEXAMPLE01",
                "secret-secret-secret-secret-secret-secre",
                "token-token-token",
                Instant.parse("2030-01-01T00:00:00Z"),
                arn,
                "AROAEXAMPLE:s",
                "s",
                "job:a:stage:b",
                "sts.amazonaws.com");
    }

    @Test
    void theAccountIdComesFromTheAssumedRoleArnInEveryPartition() {
        assertThat(withArn("arn:aws:sts::123456789012:assumed-role/deploy/s").accountId())
                .isEqualTo("123456789012");
        assertThat(withArn("arn:aws-cn:sts::210987654321:assumed-role/x/y/s").accountId())
                .isEqualTo("210987654321");
        assertThat(withArn("not an arn").accountId()).isNull();
        assertThat(withArn("arn:aws:sts::12345:assumed-role/deploy/s").accountId())
                .isNull();
    }

    @Test
    void toStringShowsNoSecret() {
        RoleSession session = withArn("arn:aws:sts::123456789012:assumed-role/deploy/s");
        assertThat(session.toString()).doesNotContain(session.secretAccessKey()).doesNotContain(session.sessionToken());
    }
}
