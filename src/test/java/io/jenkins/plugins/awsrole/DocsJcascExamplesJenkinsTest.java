package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every JCasC example of this plugin in README.md and docs/ applies, as written, to a real Jenkins: an attribute that
 * does not exist, a value the plugin refuses or a YAML mistake fails this test, so the docs cannot drift from the code
 * unseen. Placeholders of secrets ({@code ${AWS_OIDC_ISSUER_KEY}}) are filled with a throwaway test key first.
 */
@WithJenkins
class DocsJcascExamplesJenkinsTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);

    /** A throwaway EC P-256 key (base64 PKCS#8), for the examples that supply an ES256 key. */
    private static final String EC_KEY =
            "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgisj81tOyxsrrBjdHoV30AE/pv8Xt4q9Ta4W5DlgEyBuhRANCAATrBAaAVZ1Yu8"
                    + "UWqqan2Af0+7EUdUJCahPQQtL8nW00mt5gSAS6f5nFR4KtAkWdkASKbD2O7nBHcymMnW2xRHWd";

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    @Test
    void everyExampleApplies(@TempDir Path dir) throws Exception {
        List<Example> examples = examples();
        assertThat(examples).as("JCasC examples found in the docs").hasSizeGreaterThanOrEqualTo(3);

        for (Example example : examples) {
            Path file = dir.resolve("example-" + examples.indexOf(example) + ".yaml");
            Files.writeString(file, example.yaml().replace("${AWS_OIDC_ISSUER_KEY}", EC_KEY), StandardCharsets.UTF_8);
            try {
                ConfigurationAsCode.get().configure(file.toString());
            } catch (Exception e) {
                throw new AssertionError(
                        "The JCasC example in " + example.source() + " does not apply: " + e.getMessage(), e);
            }
            assertThat(AwsRoleConfiguration.get().trustMappings().validate().hasErrors())
                    .as("mappings of the example in %s", example.source())
                    .isFalse();
        }
    }

    private record Example(String source, String yaml) {}

    /** The fenced YAML blocks that configure this plugin, from README.md and every page of docs/. */
    private static List<Example> examples() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<Example> examples = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = YAML_BLOCK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                String yaml = m.group(1).stripIndent();
                if (yaml.contains("awsOidcRole:")) {
                    examples.add(new Example(page.toString(), yaml));
                }
            }
        }
        return examples;
    }
}
