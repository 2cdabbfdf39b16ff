package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.Glob;
import io.jenkins.plugins.awsrole.engine.trustcode.SubjectPatterns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties of the one encoding of names in {@code sub}, session tags and trust-policy patterns, over hostile names:
 * separators, IAM wildcards, {@code %} and {@code =}, {@code ..}, look-alike and zero-width Unicode, lone surrogates,
 * and names as long as Jenkins allows. The random cases are drawn from a fixed seed, so a failure repeats.
 */
class SubjectEncodingTest {

    /** What AWS accepts in a session tag value (AWS-FACTS.md §3.2), and so, by construction, in everything else. */
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    /** The encoding's whole output alphabet: the safe characters and complete escapes. */
    private static final Pattern ENCODED = Pattern.compile("(?:[A-Za-z0-9 /._@+-]|=[0-9A-F]{2})*");

    /** Pieces hostile names are made of. */
    private static final List<String> PIECES = List.of(
            "a",
            "Z",
            "9",
            "/",
            ".",
            "..",
            "-",
            "_",
            "@",
            "+",
            " ",
            ":",
            "*",
            "?",
            "%",
            "%2F",
            "%25",
            "=",
            "=3A",
            ",",
            "$",
            "${aws:username}",
            "{",
            "}",
            "#",
            "\\",
            "\"",
            "'",
            "\t",
            "\n",
            "\u0000",
            "main",
            "stage",
            "job:",
            ":stage:",
            ":branch:",
            "\u0430", // Cyrillic a
            "\u0391", // Greek capital alpha
            "\uFF1A", // fullwidth colon
            "\u2217", // asterisk operator
            "\uFF1F", // fullwidth question mark
            "\u2044", // fraction slash
            "\u200B", // zero-width space
            "\u200D", // zero-width joiner
            "\uFEFF", // byte order mark
            "\u00A0", // no-break space
            "e\u0301", // e and a combining acute
            "\u00E9", // precomposed é
            "\uD83D\uDE80", // one character outside the BMP
            "\uD83D", // a lone high surrogate
            "\uDE80", // a lone low surrogate
            "\u00FF",
            "\u0100",
            "\u07FF",
            "\u0800",
            "\uFFFF");

    private final Random random = new Random(20261204L);

    private String hostileName(int maxPieces) {
        StringBuilder name = new StringBuilder();
        int pieces = 1 + random.nextInt(maxPieces);
        for (int i = 0; i < pieces; i++) {
            name.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return name.toString();
    }

    @Test
    void everyEncodingIsAsciiWithinTheTagAlphabetAndFreeOfSeparatorsAndWildcards() {
        for (int i = 0; i < 20_000; i++) {
            String name = hostileName(12);
            String encoded = SubjectEncoding.encode(name);
            assertThat(encoded)
                    .as("encoding of %s", escaped(name))
                    .matches(ENCODED)
                    .matches(TAG_VALUE)
                    .doesNotContain(":", "*", "?", "%", ",", "$", "{", "}");
            assertThat(encoded.chars().allMatch(c -> c < 0x80)).isTrue();
        }
    }

    @Test
    void itIsInjectiveAndDecodeUndoesIt() {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String name = hostileName(6);
            String encoded = SubjectEncoding.encode(name);
            assertThat(SubjectEncoding.decode(encoded))
                    .as("decoding %s", encoded)
                    .isEqualTo(name);
            String earlier = seen.putIfAbsent(encoded, name);
            assertThat(earlier == null || earlier.equals(name))
                    .as("%s and %s share the encoding %s", escaped(earlier), escaped(name), encoded)
                    .isTrue();
        }
    }

    @Test
    void lookAlikesStayApart() {
        assertThat(SubjectEncoding.encode("t\u0435am/main")).isEqualTo("t=D0=B5am/main");
        assertThat(SubjectEncoding.encode("team\uFF1Amain")).isEqualTo("team=EF=BC=9Amain");
        assertThat(SubjectEncoding.encode("ma\u200Bin")).isEqualTo("ma=E2=80=8Bin");
        assertThat(SubjectEncoding.encode("e\u0301")).isNotEqualTo(SubjectEncoding.encode("\u00E9"));
        assertThat(SubjectEncoding.encode("\uD83D")).isEqualTo("=ED=A0=BD");
        assertThat(SubjectEncoding.encode("\uD83D\uDE80")).isEqualTo("=F0=9F=9A=80");
        assertThat(SubjectEncoding.encode("\uD83D" + "\uDE80"))
                .as("a valid pair is one character")
                .isNotEqualTo(SubjectEncoding.encode("\uD83D") + SubjectEncoding.encode("\uDE80"));
    }

    @Test
    void safeCharactersStayAndEverythingElseIsEscaped() {
        assertThat(SubjectEncoding.encode("Team A/my-app_2.0 build@home+x"))
                .isEqualTo("Team A/my-app_2.0 build@home+x");
        assertThat(SubjectEncoding.encode(":*?%=,$")).isEqualTo("=3A=2A=3F=25=3D=2C=24");
        assertThat(SubjectEncoding.encode("team/app/feature%2Flogin")).isEqualTo("team/app/feature=252Flogin");
        assertThat(SubjectEncoding.encode("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=", "=3", "=3a", "=41", ":", "a*", "=C3", "=C3=28", "=E0=80=80", "=ED=A0=BD=ED=BA=80"})
    void decodeRefusesWhatEncodeNeverWrites(String notAnEncoding) {
        assertThatThrownBy(() -> SubjectEncoding.decode(notAnEncoding)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Rendered with a template whose separators names could spell, no two different builds share a {@code sub},
     * whatever their job, branch and stage names.
     */
    @Test
    void noTwoBuildsShareASub() {
        SubjectTemplate template = SubjectTemplate.parse("job:${job}:branch:${branch}:stage:${stage}");
        Map<String, List<String>> seen = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            List<String> identity = List.of(hostileName(4), hostileName(3), hostileName(2));
            if (identity.get(0).isBlank()) {
                continue; // no job has a blank name
            }
            String sub = template.render(
                    new BuildIdentity(identity.get(0), 1, null, identity.get(1), null, false, false), identity.get(2));
            List<String> earlier = seen.putIfAbsent(sub, identity);
            assertThat(earlier == null || earlier.equals(identity))
                    .as("%s and %s share the sub %s", earlier, identity, sub)
                    .isTrue();
            assertThat(sub.chars().filter(c -> c == ':').count())
                    .as("only the template's own separators in %s", sub)
                    .isEqualTo(5);
        }
    }

    /**
     * The trust-policy patterns made from a mapping's job patterns, tested with IAM's own wildcard rules (the local AWS
     * server's) against the {@code sub} of hostile jobs: a pattern without wildcards admits its one job and no other,
     * a {@code sub} never admits another stage, and AWS is never narrower than the plugin.
     */
    @Test
    void trustPatternsAdmitExactlyTheirJobAndStageAndNeverLessThanThePlugin() {
        for (int i = 0; i < 5_000; i++) {
            String literal = hostileName(5).replace("*", "").replace("?", "");
            String job = random.nextBoolean() ? literal : hostileName(5);
            if (job.isBlank()) {
                continue;
            }
            String pattern = random.nextInt(3) == 0 ? literal + "*" : literal;
            if (Glob.problem(pattern) != null || Glob.problem(literal) != null) {
                continue;
            }
            String stage = random.nextBoolean() ? "deploy" : "build";
            String sub = SubjectTemplate.DEFAULT.render(BuildIdentity.ofJob(job, 1, null), stage);
            List<String> iam = SubjectPatterns.forJobs(List.of(pattern), "deploy");
            boolean aws = iam.stream().anyMatch(p -> FakeAws.stringLike(p, sub));
            boolean plugin = Glob.compile(pattern).matches(job) && stage.equals("deploy");

            if (plugin) {
                assertThat(aws).as("AWS admits %s for %s", escaped(job), iam).isTrue();
            }
            if (aws) {
                assertThat(stage)
                        .as("%s admits another stage's sub %s", iam, sub)
                        .isEqualTo("deploy");
                assertThat(job).as("%s admits %s", iam, escaped(job)).startsWith(literal);
            }
            if (pattern.equals(literal)) {
                assertThat(aws).as("%s and %s", iam, escaped(job)).isEqualTo(job.equals(literal) && plugin);
            }
        }
    }

    @Test
    void theLongestNamesAreRefusedWithAClearMessageNeverCut() {
        String longest = "f/".repeat(60) + "x".repeat(20); // 140 characters, all safe: fits
        assertThat(SubjectTemplate.DEFAULT.render(BuildIdentity.ofJob(longest, 1, null), "deploy"))
                .hasSize(4 + 140 + 13);
        String hostile = "f/".repeat(60) + ":".repeat(40); // 160 characters, 240 once encoded
        assertThatThrownBy(() -> SubjectTemplate.DEFAULT.render(BuildIdentity.ofJob(hostile, 1, null), "deploy"))
                .hasMessageContaining("has 257 characters once its names are encoded; AWS accepts 255 at most");
    }

    private static String escaped(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        name.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : (char) c));
        return out.append('\'').toString();
    }
}
