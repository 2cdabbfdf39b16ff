package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.AwsEnvironmentTest.KEY_ID;
import static io.jenkins.plugins.awsrole.AwsEnvironmentTest.SECRET_KEY;
import static io.jenkins.plugins.awsrole.AwsEnvironmentTest.TOKEN;
import static io.jenkins.plugins.awsrole.AwsEnvironmentTest.environment;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Pipeline writes to {@code program.dat} for an {@link AwsEnvironment}, as far as it can be shown without a running Jenkins (the live tests read the real program.dat).
 *
 * <p>In Jenkins the guarantee has two halves: workflow-support's {@code SecretPickle} writes every {@link Secret} in
 * the program encrypted, and this class keeps its credentials nowhere but in {@code Secret}s. Offline the first half
 * cannot run ({@code Secret} is a declaration), so these tests prove the second: the fields allow nothing else, and a
 * stream in which each {@code Secret} is swapped for an opaque marker, as the pickle does, carries no credential.
 * {@code AwsEnvironmentJenkinsTest} writes a real one through Pipeline's own writer in the real build.
 */
class AwsEnvironmentSerializationTest {

    static final String PICKLED = "<pickled Secret>";

    @Test
    void credentialsCanOnlyBeHeldAsSecrets() {
        Map<String, Class<?>> fields = instanceFields(AwsEnvironment.class);

        assertThat(fields)
                .containsEntry("AwsEnvironment.region", String.class)
                .containsEntry("SessionCredentials.accessKeyId", Secret.class)
                .containsEntry("SessionCredentials.secretAccessKey", Secret.class)
                .containsEntry("SessionCredentials.sessionToken", Secret.class)
                .containsEntry("SessionCredentials.expiration", Instant.class)
                .containsEntry("AwsEnvironment.retired", java.util.ArrayList.class)
                .hasSize(7);
        assertThat(fields.values())
                .as("every stored field is a type Pipeline can serialize")
                .allSatisfy(type ->
                        assertThat(Serializable.class.isAssignableFrom(type)).isTrue());
    }

    @Test
    void withSecretsPickledTheStreamCarriesNoCredential() throws IOException {
        byte[] bytes = serialize(environment("eu-west-1"));

        assertContainsNone(bytes, KEY_ID, SECRET_KEY, TOKEN);
        assertThat(contains(bytes, PICKLED, StandardCharsets.UTF_8))
                .as("the secrets went through the pickle")
                .isTrue();
        assertThat(contains(bytes, "eu-west-1", StandardCharsets.UTF_8)).isTrue();
    }

    @Test
    void aClearedEnvironmentCarriesNoSecretAtAll() throws IOException {
        AwsEnvironment environment = environment(null);
        environment.clear();

        byte[] bytes = serialize(environment);

        assertContainsNone(bytes, KEY_ID, SECRET_KEY, TOKEN);
        assertThat(contains(bytes, PICKLED, StandardCharsets.UTF_8)).isFalse();
    }

    @Test
    void theScanFindsASecretWrittenInClear() throws IOException {
        byte[] bytes = serialize(new ArrayList<>(List.of(SECRET_KEY)));

        assertThat(contains(bytes, SECRET_KEY, StandardCharsets.UTF_8)).isTrue();
    }

    static void assertContainsNone(byte[] bytes, String... secrets) {
        for (String secret : secrets) {
            for (Charset charset :
                    List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                assertThat(contains(bytes, secret, charset))
                        .as("a credential in %s in the serialized form", charset)
                        .isFalse();
            }
        }
    }

    /** ASCII secrets: modified UTF-8 (Java serialization's string form) is then the same as UTF-8. */
    static boolean contains(byte[] haystack, String secret, Charset charset) {
        byte[] needle = secret.getBytes(charset);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new PicklingOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** Every non-static field of the type and of the plugin's own types it holds, as "Class.field" to field type. */
    static Map<String, Class<?>> instanceFields(Class<?> type) {
        Map<String, Class<?>> fields = new HashMap<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            fields.put(type.getSimpleName() + "." + field.getName(), field.getType());
            if (field.getType().getName().startsWith("io.jenkins.plugins.awsrole.")) {
                fields.putAll(instanceFields(field.getType()));
            }
        }
        return fields;
    }

    /** Swaps each Secret for a marker, as workflow-support's SecretPickle swaps it for its encrypted value. */
    private static final class PicklingOutputStream extends ObjectOutputStream {
        PicklingOutputStream(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object object) {
            return object instanceof Secret ? PICKLED : object;
        }
    }
}
