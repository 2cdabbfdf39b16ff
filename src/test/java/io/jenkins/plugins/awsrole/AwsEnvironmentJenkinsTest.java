package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.AwsEnvironmentSerializationTest.assertContainsNone;
import static io.jenkins.plugins.awsrole.AwsEnvironmentSerializationTest.contains;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jenkinsci.plugins.workflow.pickles.PickleFactory;
import org.jenkinsci.plugins.workflow.support.pickles.serialization.RiverWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A real {@link AwsEnvironment}, with real {@code Secret}s, written the way Pipeline writes {@code program.dat}
 * (workflow-support's {@code RiverWriter} with every registered pickle factory): no credential may be in it.
 */
@WithJenkins
class AwsEnvironmentJenkinsTest {

    private static final String KEY_ID = "ASIAJENKINSTESTKEY01";
    private static final String SECRET_KEY = "jenkinsTestSecretAccessKey/0123456789+abcd";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjJENKINSTESTSESSIONTOKEN0123456789abcdef";

    @Test
    void programDataHoldsNoCredentialInClear(JenkinsRule r, @TempDir Path dir) throws IOException {
        AwsEnvironment environment =
                AwsEnvironment.of(KEY_ID, SECRET_KEY, TOKEN, Instant.parse("2030-01-01T00:00:00Z"), "eu-west-1");
        Path programDat = Files.createFile(dir.resolve("program.dat"));

        try (RiverWriter writer = new RiverWriter(programDat.toFile(), null, PickleFactory.all())) {
            writer.writeObject(environment);
        }

        byte[] bytes = Files.readAllBytes(programDat);
        assertThat(contains(bytes, "eu-west-1", StandardCharsets.UTF_8))
                .as("the environment was written")
                .isTrue();
        assertContainsNone(bytes, KEY_ID, SECRET_KEY, TOKEN);
    }

    /** Why the pickle matters: plain Java serialization of a Secret carries its plain text. */
    @Test
    void plainJavaSerializationWouldLeakTheSecret(JenkinsRule r) throws IOException {
        AwsEnvironment environment =
                AwsEnvironment.of(KEY_ID, SECRET_KEY, TOKEN, Instant.parse("2030-01-01T00:00:00Z"), null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(environment);
        }

        assertThat(contains(bytes.toByteArray(), SECRET_KEY, StandardCharsets.UTF_8))
                .isTrue();
    }
}
