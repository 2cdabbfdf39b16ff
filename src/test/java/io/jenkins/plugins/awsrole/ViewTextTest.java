package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The localized texts of the Jelly views ({@code ${%...}}) as Stapler reads them.
 *
 * <p>Stapler reads {@code ${%text(args)}} as a key followed by argument expressions, so a text with a parenthesis,
 * such as "Session duration (seconds)", is not a text at all: the view fails to parse, or renders a truncated label.
 * Such texts go into the view's {@code .properties} file under a one-word key, and that key must be there. A
 * lower-case word is taken for such a key.
 */
class ViewTextTest {

    private static final Path VIEWS = Path.of("src/main/resources/io/jenkins/plugins/awsrole");
    private static final Pattern LOCALIZED = Pattern.compile("\\$\\{%([^}]*)}");
    private static final Pattern ONE_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** A key rather than a text shown as it is ("Stage"): it must be defined, or the user reads the key. */
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9_]*");

    @Test
    void everyTextWithArgumentsHasAOneWordKeyDefinedInTheViewsProperties() throws IOException {
        List<String> problems = new ArrayList<>();
        int texts = 0;
        for (Path view : views()) {
            Properties properties = propertiesOf(view);
            Matcher m = LOCALIZED.matcher(Files.readString(view, StandardCharsets.UTF_8));
            while (m.find()) {
                texts++;
                String text = m.group(1);
                int paren = text.indexOf('(');
                if (paren < 0) {
                    if (KEY.matcher(text).matches() && !properties.containsKey(text)) {
                        problems.add(view + ": key '" + text + "' is not in "
                                + propertiesFile(view).getFileName());
                    }
                    continue;
                }
                String key = text.substring(0, paren);
                if (!ONE_WORD.matcher(key).matches()) {
                    problems.add(view + ": '${%" + text + "}' reads as key '" + key + "' with arguments; move the"
                            + " text to " + propertiesFile(view).getFileName() + " under a one-word key");
                } else if (!properties.containsKey(key)) {
                    problems.add(view + ": key '" + key + "' is not in "
                            + propertiesFile(view).getFileName());
                }
            }
        }
        assertThat(texts).as("localized texts found").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    private static List<Path> views() throws IOException {
        try (Stream<Path> files = Files.walk(VIEWS)) {
            return files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    private static Path propertiesFile(Path view) {
        String name = view.getFileName().toString();
        return view.resolveSibling(name.substring(0, name.length() - ".jelly".length()) + ".properties");
    }

    private static Properties propertiesOf(Path view) throws IOException {
        Properties properties = new Properties();
        Path file = propertiesFile(view);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
        }
        return properties;
    }
}
