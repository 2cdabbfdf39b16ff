package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message of every {@code Messages.properties} as the localizer renders it: through {@link MessageFormat},
 * where a single {@code '} starts a quoted stretch and disappears ("the build's" prints "the builds"), and where a
 * placeholder inside such a stretch is never filled in.
 *
 * <p>The test renders each message twice: as the author meant it ({@code ''} is one quote, {@code {n}} is argument
 * {@code n}) and through {@code MessageFormat}. The two must be the same, and every argument from {@code {0}} to the
 * highest must appear, since the generated {@code Messages} method takes them all.
 */
class MessagesFormatTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    /** {@code {n}}, or {@code {n,number,#}} and the like (group 2 is the format, if any). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)(,[^}]*)?}");

    @Test
    void everyMessageRendersAsWrittenWithEveryArgument() throws IOException {
        List<String> problems = new ArrayList<>();
        int messages = 0;
        for (Path file : messageFiles()) {
            Properties properties = load(file);
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                messages++;
                String pattern = properties.getProperty(key);
                int arguments = highestPlaceholder(pattern) + 1;
                Object[] values = values(pattern, arguments);
                String meant = meant(pattern, values);
                String rendered;
                try {
                    rendered = new MessageFormat(pattern, Locale.ROOT).format(values);
                } catch (IllegalArgumentException e) {
                    problems.add(file + " " + key + ": MessageFormat cannot read it: " + e.getMessage());
                    continue;
                }
                if (!rendered.equals(meant)) {
                    problems.add(file + " " + key + ": renders\n    " + rendered + "\n  instead of\n    " + meant
                            + "\n  (write a single quote as '')");
                }
                for (int i = 0; i < arguments; i++) {
                    if (!rendered.contains(String.valueOf(values[i]))) {
                        problems.add(file + " " + key + ": argument {" + i + "} is never shown");
                    }
                }
            }
        }
        assertThat(messages).as("messages checked").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckSeesALostQuoteAndAHiddenArgument() {
        String lostQuote = "the build's credentials";
        String hiddenArgument = "the '{0}' stage";

        assertThat(new MessageFormat(lostQuote, Locale.ROOT).format(new Object[0]))
                .isNotEqualTo(meant(lostQuote, new Object[0]));
        assertThat(new MessageFormat(hiddenArgument, Locale.ROOT).format(new Object[] {"<arg0>"}))
                .doesNotContain("<arg0>");
    }

    /**
     * A text for each plain argument, and a number below 1000 (no grouping separator) for each formatted one such as
     * {@code {0,number,#}}: both show as themselves.
     */
    private static Object[] values(String pattern, int arguments) {
        Object[] values = new Object[arguments];
        for (int i = 0; i < arguments; i++) {
            values[i] = "<arg" + i + ">";
        }
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            if (m.group(2) != null) {
                int index = Integer.parseInt(m.group(1));
                values[index] = 700 + index;
            }
        }
        return values;
    }

    /** The message as its author meant it: {@code ''} is a quote, {@code {n}} is argument {@code n}. */
    private static String meant(String pattern, Object[] values) {
        Matcher m = PLACEHOLDER.matcher(pattern.replace("''", "'"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(values[Integer.parseInt(m.group(1))])));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int highestPlaceholder(String pattern) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        int highest = -1;
        while (m.find()) {
            highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
        return highest;
    }

    private static List<Path> messageFiles() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("Messages(_\\w+)?\\.properties"))
                    .sorted()
                    .toList();
            assertThat(found).isNotEmpty();
            return found;
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
