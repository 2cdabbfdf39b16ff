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
 * Keeps the rule that separates the two builds: a test that needs a live Jenkins (JenkinsRule, {@code @WithJenkins},
 * the JCasC harness, a Jenkins session) lives in a class named {@code *JenkinsTest}. The offline build compiles those
 * classes but does not run them; the real build runs them. A live test under another name would fail offline with
 * confusing errors, so it fails here first, with the file name.
 */
class LiveJenkinsTestNamingTest {

    private static final Pattern NEEDS_LIVE_JENKINS =
            Pattern.compile("\\b(JenkinsRule|WithJenkins|JenkinsSessionExtension|JenkinsConfiguredWithCodeRule|"
                    + "WithJenkinsConfiguredWithCode|RealJenkinsExtension)\\b");

    @Test
    void liveJenkinsTestsAreNamedSoTheOfflineBuildSkipsThem() throws IOException {
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

    /** src/test/java of the shared tree, from the real build (top level) or the offline one (offline/plugin). */
    private static Path testSourceRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("src/test/java/io/jenkins/plugins/awsrole");
            if (Files.isDirectory(candidate) && Files.exists(d.resolve("offline/pom.xml"))) {
                return d.resolve("src/test/java");
            }
        }
        throw new IllegalStateException("No src/test/java of aws-oidc-role above " + dir);
    }
}
