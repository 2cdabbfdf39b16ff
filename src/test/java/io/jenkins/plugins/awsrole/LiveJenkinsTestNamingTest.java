package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the naming rule for live tests: a test that starts a Jenkins (JenkinsRule, {@code @WithJenkins}, the JCasC
 * harness, a Jenkins session) lives in a class named {@code *JenkinsTest}. {@code ./mvnw verify} runs them all; the
 * name lets a developer run the fast tests alone ({@code -Dtest='!*JenkinsTest'}) or the live ones alone, and tells a
 * reader at a glance which tests need a Jenkins.
 */
class LiveJenkinsTestNamingTest {

    private static final Pattern NEEDS_LIVE_JENKINS =
            Pattern.compile("\\b(JenkinsRule|WithJenkins|JenkinsSessionExtension|JenkinsConfiguredWithCodeRule|"
                    + "WithJenkinsConfiguredWithCode|RealJenkinsExtension)\\b");

    @Test
    void liveJenkinsTestsAreNamedJenkinsTest() throws IOException {
        Path tests = testSourceRoot();
        List<String> misnamed;
        try (Stream<Path> files = Files.walk(tests)) {
            misnamed = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().endsWith("JenkinsTest.java"))
                    .filter(f -> !f.getFileName().toString().equals("LiveJenkinsTestNamingTest.java"))
                    .filter(LiveJenkinsTestNamingTest::usesLiveJenkins)
                    .map(f -> tests.relativize(f).toString())
                    .toList();
        }
        assertThat(misnamed)
                .as("tests that need a live Jenkins must be named *JenkinsTest (see README.md, 'Build and test')")
                .isEmpty();
    }

    private static boolean usesLiveJenkins(Path file) {
        try {
            return NEEDS_LIVE_JENKINS.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** src/test/java; surefire runs the tests from the project's base directory. */
    private static Path testSourceRoot() {
        Path tests = Path.of("src/test/java");
        assertThat(tests.resolve("io/jenkins/plugins/awsrole")).isDirectory();
        return tests;
    }
}
