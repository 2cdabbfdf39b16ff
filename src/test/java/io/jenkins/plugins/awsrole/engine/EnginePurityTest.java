package io.jenkins.plugins.awsrole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine ({@code io.jenkins.plugins.awsrole.engine}) builds with no Jenkins type on its classpath, so that its
 * logic stays where fast tests reach it and can run anywhere, an agent included.
 *
 * <p>The check compiles every engine source with javac, against the test classpath minus every jar that holds a
 * Jenkins type (Jenkins core, Stapler, every plugin) and minus the plugin's own classes. An engine class that names a
 * Jenkins type, or an adapter of this plugin, by import or by full name, fails to compile, and this test fails the
 * build with javac's message.
 */
class EnginePurityTest {

    private static final Path ENGINE = Path.of("src/main/java/io/jenkins/plugins/awsrole/engine");

    /** Where Jenkins, its libraries and its plugins keep their classes. */
    private static final List<String> JENKINS_PACKAGES = List.of(
            "hudson/",
            "jenkins/",
            "org/jenkinsci/",
            "org/jenkins/",
            "org/kohsuke/",
            "org/jvnet/",
            "com/cloudbees/",
            "io/jenkins/");

    private static List<File> classpath;

    @BeforeAll
    static void classpathWithoutJenkins() {
        classpath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new)
                .filter(File::isFile) // the plugin's own classes and test classes are directories
                .filter(jar -> !holdsJenkinsTypes(jar))
                .toList();
    }

    @Test
    void theEngineCompilesAgainstAClasspathWithNoJenkinsType(@TempDir Path out) throws IOException {
        assertThat(classpath)
                .as("the engine's own libraries stay on the classpath")
                .anyMatch(jar -> jar.getName().startsWith("sts-"))
                .anyMatch(jar -> jar.getName().startsWith("nimbus-jose-jwt-"))
                .noneMatch(jar -> jar.getName().startsWith("jenkins-core-"));

        List<String> errors = compile(engineSources(), out);

        assertThat(errors)
                .as("the engine must not use Jenkins types or the plugin's adapters; move that code out of the engine")
                .isEmpty();
        assertThat(out.resolve("io/jenkins/plugins/awsrole/engine/mask/MaskingOutputStream.class"))
                .exists();
    }

    @Test
    void anEngineClassThatNamesAJenkinsTypeFailsTheCheck(@TempDir Path dir) throws IOException {
        Path leak = dir.resolve("src/Leak.java");
        Files.createDirectories(leak.getParent());
        Files.writeString(
                leak,
                "package io.jenkins.plugins.awsrole.engine;\n"
                        + "class Leak { hudson.util.Secret secret; jenkins.model.Jenkins jenkins; }\n",
                StandardCharsets.UTF_8);

        List<String> errors = compile(List.of(leak), dir.resolve("out"));

        assertThat(errors).anyMatch(e -> e.contains("hudson")).anyMatch(e -> e.contains("jenkins.model"));
    }

    private static List<String> compile(List<Path> sources, Path out) throws IOException {
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of(
                    "--release",
                    "17",
                    "-proc:none",
                    "-implicit:none",
                    "-classpath",
                    String.join(
                            File.pathSeparator,
                            classpath.stream().map(File::getPath).toList()),
                    "-d",
                    out.toString());
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add((d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(Locale.ROOT));
            }
        }
        return errors;
    }

    private static List<Path> engineSources() throws IOException {
        try (Stream<Path> files = Files.walk(ENGINE)) {
            List<Path> sources =
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertThat(sources).hasSizeGreaterThan(50);
            return sources;
        }
    }

    private static boolean holdsJenkinsTypes(File jar) {
        try (ZipFile zip = new ZipFile(jar)) {
            return zip.stream()
                    .map(ZipEntry::getName)
                    .anyMatch(name ->
                            name.endsWith(".class") && JENKINS_PACKAGES.stream().anyMatch(name::startsWith));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }
}
