package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.AwsEnvironmentSerializationTest.PICKLED;
import static io.jenkins.plugins.awsrole.AwsEnvironmentSerializationTest.assertContainsNone;
import static io.jenkins.plugins.awsrole.AwsEnvironmentSerializationTest.contains;
import static io.jenkins.plugins.awsrole.AwsEnvironmentSerializationTest.instanceFields;
import static io.jenkins.plugins.awsrole.AwsEnvironmentSerializationTest.serialize;
import static io.jenkins.plugins.awsrole.AwsEnvironmentTest.KEY_ID;
import static io.jenkins.plugins.awsrole.AwsEnvironmentTest.SECRET_KEY;
import static io.jenkins.plugins.awsrole.AwsEnvironmentTest.TOKEN;
import static io.jenkins.plugins.awsrole.AwsEnvironmentTest.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mockStatic;

import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.mask.MaskRules;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/**
 * The block's console filter: what it writes, and what Pipeline would store of it in {@code program.dat}. Secrets are
 * mocks ({@code Secret} needs a running Jenkins to encrypt), so the serialization half proves what the filter can hold and that,
 * with each {@code Secret} pickled as workflow-support does, no credential remains (as in
 * {@link AwsEnvironmentSerializationTest}).
 */
class AwsMaskingFilterTest {

    private static final RoleSession SESSION = new RoleSession(
            KEY_ID,
            SECRET_KEY,
            TOKEN,
            Instant.parse("2030-01-01T00:00:00Z"),
            "arn:aws:sts::123456789012:assumed-role/deploy/app@1-7",
            "AROAEXAMPLEROLEID:app@1-7",
            "app@1-7",
            "job:app:stage:deploy",
            "sts.amazonaws.com");

    private static AwsMaskingFilter filter() {
        try (MockedStatic<Secret> secrets = mockStatic(Secret.class)) {
            secrets.when(() -> Secret.fromString(anyString())).thenAnswer(call -> secret(call.getArgument(0)));
            return AwsMaskingFilter.forBlock(environment(SESSION), SESSION, false);
        }
    }

    @Test
    void masksTheThreeCredentialsWrittenToTheLog() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        try (OutputStream out = filter().decorateLogger((Run<?, ?>) null, log)) {
            out.write(("key " + KEY_ID + "\nsecret=" + SECRET_KEY + " token:" + TOKEN + "\nordinary line\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("key ****\nsecret=**** token:****\nordinary line\n");
    }

    @Test
    void masksTheAccountIdOnlyWhenTheMappingAsks() throws Exception {
        String line = "deployed to arn:aws:s3:::bucket-123456789012 by arn:aws:iam::123456789012:role/deploy\n";
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream masked = new ByteArrayOutputStream();
        AwsMaskingFilter withAccount;
        try (MockedStatic<Secret> secrets = mockStatic(Secret.class)) {
            secrets.when(() -> Secret.fromString(anyString())).thenAnswer(call -> secret(call.getArgument(0)));
            withAccount = AwsMaskingFilter.forBlock(environment(SESSION), SESSION, true);
        }

        try (OutputStream out = filter().decorateLogger((Run<?, ?>) null, plain)) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = withAccount.decorateLogger((Run<?, ?>) null, masked)) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(plain.toString(StandardCharsets.UTF_8)).isEqualTo(line);
        assertThat(masked.toString(StandardCharsets.UTF_8))
                .isEqualTo("deployed to arn:aws:s3:::bucket-**** by arn:aws:iam::****:role/deploy\n");
        assertThat(AwsMaskingFilter.maskAccount(SESSION.assumedRoleArn(), SESSION, true))
                .isEqualTo("arn:aws:sts::****:assumed-role/deploy/app@1-7");
        assertThat(AwsMaskingFilter.maskAccount(SESSION.assumedRoleArn(), SESSION, false))
                .isEqualTo(SESSION.assumedRoleArn());
    }

    @Test
    void masksACredentialSplitAcrossWrites() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        byte[] text = ("export AWS_SECRET_ACCESS_KEY=" + SECRET_KEY + "\n").getBytes(StandardCharsets.UTF_8);

        try (OutputStream out = filter().decorateLogger((Run<?, ?>) null, log)) {
            for (byte b : text) {
                out.write(b);
            }
        }

        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("export AWS_SECRET_ACCESS_KEY=****\n");
    }

    private static AwsEnvironment environment(RoleSession session) {
        return AwsEnvironment.of(
                session.accessKeyId(), session.secretAccessKey(), session.sessionToken(), session.expiration(), null);
    }

    @Test
    void credentialsCanOnlyBeHeldAsSecrets() {
        assertThat(instanceFields(AwsMaskingFilter.class))
                .containsOnlyKeys(
                        "AwsMaskingFilter.rules",
                        "AwsMaskingFilter.secrets",
                        "AwsMaskingFilter.environment",
                        "MaskRules.replacement",
                        "AwsEnvironment.credentials",
                        "AwsEnvironment.region",
                        "AwsEnvironment.retired",
                        "SessionCredentials.accessKeyId",
                        "SessionCredentials.secretAccessKey",
                        "SessionCredentials.sessionToken",
                        "SessionCredentials.expiration")
                .containsEntry("AwsMaskingFilter.rules", MaskRules.class)
                .containsEntry("AwsMaskingFilter.secrets", List.class)
                .containsEntry("SessionCredentials.accessKeyId", Secret.class)
                .containsEntry("SessionCredentials.secretAccessKey", Secret.class)
                .containsEntry("SessionCredentials.sessionToken", Secret.class);
    }

    @Test
    void aRenewedSessionIsMaskedAndSoIsTheOldOne() throws Exception {
        AwsEnvironment environment;
        AwsMaskingFilter filter;
        String newSecret = "new-secret-key-new-secret-key-new-secret";
        try (MockedStatic<Secret> secrets = mockStatic(Secret.class)) {
            secrets.when(() -> Secret.fromString(anyString())).thenAnswer(call -> secret(call.getArgument(0)));
            environment = environment(SESSION);
            filter = AwsMaskingFilter.forBlock(environment, SESSION, false);
            environment.renew(
                    Secret.fromString("ASIANEWNEWNEWNEWNEW1"),
                    Secret.fromString(newSecret),
                    Secret.fromString("new-token-new-token-new-token"),
                    Instant.parse("2030-01-01T01:00:00Z"));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        try (OutputStream out = filter.decorateLogger((Run<?, ?>) null, log)) {
            out.write(("new " + newSecret + " old " + SECRET_KEY + "\n").getBytes(StandardCharsets.UTF_8));
        }

        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("new **** old ****\n");
    }

    @Test
    void withSecretsPickledTheStreamCarriesNoCredential() throws Exception {
        byte[] bytes = serialize(filter());

        assertContainsNone(bytes, KEY_ID, SECRET_KEY, TOKEN);
        assertThat(contains(bytes, PICKLED, StandardCharsets.UTF_8))
                .as("the secrets went through the pickle")
                .isTrue();
        assertThat(contains(bytes, MaskRules.DEFAULT_REPLACEMENT, StandardCharsets.UTF_8))
                .as("the filter was written")
                .isTrue();
    }
}
