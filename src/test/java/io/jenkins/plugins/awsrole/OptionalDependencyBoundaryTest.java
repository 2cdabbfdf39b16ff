package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * aws-credentials (and what comes with it: the AWS SDK v1, credentials-binding, Declarative's extension API) is an
 * optional dependency, so only the package {@code awscredentials} may name its types, every extension there must be
 * optional, and no class outside may name a class of that package: a class that names a missing type fails to load,
 * and with it whatever loads it. {@code WithoutAwsCredentialsJenkinsTest} shows the plugin loading without it; this
 * test keeps the boundary from eroding in the sources.
 */
class OptionalDependencyBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/io/jenkins/plugins/awsrole");
    private static final Path OPTIONAL_PACKAGE = SOURCES.resolve("awscredentials");

    /** Packages that only the optional package may name. */
    private static final Pattern OPTIONAL_TYPES = Pattern.compile(
            "\\b(com\\.cloudbees\\.jenkins\\.plugins\\.awscredentials"
                    + "|com\\.amazonaws|org\\.jenkinsci\\.plugins\\.pipeline\\.modeldefinition"
                    + "|org\\.jenkinsci\\.plugins\\.credentialsbinding|io\\.jenkins\\.plugins\\.awsrole\\.awscredentials)\\b");

    private static final Pattern EXTENSION = Pattern.compile("@Extension\\b(\\([^)]*\\))?");

    @Test
    void onlyTheOptionalPackageNamesTheOptionalDependencies() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles(SOURCES)) {
            if (!file.startsWith(OPTIONAL_PACKAGE)) {
                found.addAll(optionalNames(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }

        assertThat(found).isEmpty();
    }

    @Test
    void everyExtensionOfTheOptionalPackageIsOptional() throws IOException {
        List<Path> files = javaFiles(OPTIONAL_PACKAGE);
        assertThat(files).as("the optional package's sources").isNotEmpty();
        List<String> mandatory = new ArrayList<>();
        int extensions = 0;
        for (Path file : files) {
            Matcher m = EXTENSION.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                extensions++;
                if (m.group(1) == null || !m.group(1).contains("optional = true")) {
                    mandatory.add(file + ": " + m.group());
                }
            }
        }

        assertThat(extensions).as("extensions in the optional package").isPositive();
        assertThat(mandatory).isEmpty();
    }

    @Test
    void theCheckSeesAnImportAndAFullyQualifiedName() {
        assertThat(
                        optionalNames(
                                "X.java",
                                "import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;\n"
                                        + "class X { Object o = new com.amazonaws.auth.BasicAWSCredentials(\"a\", \"b\");\n"
                                        + " Class<?> c = io.jenkins.plugins.awsrole.awscredentials.AwsRoleCredentials.class; }\n"))
                .hasSize(3);
        assertThat(optionalNames("Y.java", "import com.amazonaws2.Other;\nclass Y {}\n"))
                .isEmpty();
        assertThat(optionalNames(
                        "Z.java",
                        "class Z { String n = \"org.jenkinsci.plugins.pipeline.modeldefinition.actions.A\"; }\n"))
                .as("a class name in a string loads nothing")
                .isEmpty();
    }

    private static List<String> optionalNames(String file, String source) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            // A class name in a string literal (ReplayFacts compares action class names) loads nothing.
            Matcher m = OPTIONAL_TYPES.matcher(lines[i].replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
            if (m.find()
                    && !lines[i].strip().startsWith("*")
                    && !lines[i].strip().startsWith("//")) {
                found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
            }
        }
        return found;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
