package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin uses no deprecated API of Jenkins or of its libraries: each is on its way out (for example
 * {@code AbstractDescribableImpl}, deprecated since Jenkins 2.505 now that {@code Describable} has a default
 * {@code getDescriptor()}), and the build would only mention it in a note nobody reads. Compiles {@code src/main/java}
 * with {@code -Xlint:deprecation} against the test classpath and fails on every deprecation warning, with javac's
 * message.
 */
class NoDeprecatedApiTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void theSourcesCompileWithoutADeprecationWarning(@TempDir Path out) throws IOException {
        List<String> deprecations = compile(sources(), out);

        assertThat(deprecations).isEmpty();
    }

    @Test
    void theCheckSeesADeprecatedApi(@TempDir Path dir) throws IOException {
        Path old = dir.resolve("src/OldStyle.java");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "class OldStyle extends hudson.model.AbstractDescribableImpl<OldStyle> {}\n");

        assertThat(compile(List.of(old), dir.resolve("out"))).anyMatch(w -> w.contains("AbstractDescribableImpl"));
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
                    "-Xlint:deprecation",
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    out.toString());
            Boolean compiled = javac.getTask(
                            null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
            assertThat(compiled)
                    .as("compiled: %s", diagnostics.getDiagnostics())
                    .isTrue();
        }
        List<String> deprecations = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR && d.getCode().contains("deprecated")) {
                deprecations.add((d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber()) + ": "
                        + d.getMessage(Locale.ROOT));
            }
        }
        return deprecations;
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
