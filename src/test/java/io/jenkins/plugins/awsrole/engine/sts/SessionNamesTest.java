package io.jenkins.plugins.awsrole.engine.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionNamesTest {

    @Test
    void readableNameForAPlainJob() {
        assertThat(SessionNames.forBlock("team/app/main", 42, "7")).isEqualTo("team.app.main@42-7");
    }

    @Test
    void branchNamesEncodedByMultibranchAreDecoded() {
        assertThat(SessionNames.forBlock("team/app/feature%2Flogin", 3, "12")).isEqualTo("team.app.feature.login@3-12");
    }

    @Test
    void accentsAreStrippedAndOtherLettersReplaced() {
        assertThat(SessionNames.forBlock("Équipe/déploiement", 1, "5")).isEqualTo("Equipe.deploiement@1-5");
        assertThat(SessionNames.forBlock("build it now", 1, "5")).isEqualTo("build-it-now@1-5");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "日本語のジョブ",
                "////",
                "%%%",
                "%ZZ%2",
                "%F0%9F%98%80",
                "a\u0000b\nc\td",
                "emoji 😀 job",
                "@@@@",
                "job with \"quotes\" and 'ticks' and $(rm -rf /)",
                "x"
            })
    void hostileNamesGiveValidSessionNames(String job) {
        String name = SessionNames.forBlock(job, 123456789L, "4711");
        assertThat(name).matches(SessionNames.VALID).endsWith("@123456789-4711");
    }

    @Test
    void onlyInvalidCharactersFallBackToAHashedPlaceholder() {
        String first = SessionNames.forBlock("日本語", 1, "1");
        String second = SessionNames.forBlock("中文", 1, "1");
        assertThat(first).matches("job-[0-9a-f]{8}@1-1");
        assertThat(second).matches("job-[0-9a-f]{8}@1-1").isNotEqualTo(first);
        assertThat(SessionNames.forBlock(null, 1, "1")).matches("job-[0-9a-f]{8}@1-1");
    }

    @Test
    void longNamesAreTruncatedWithAHashAndStayDistinct() {
        String common = "folder/".repeat(70);
        String a = SessionNames.forBlock(common + "a", Long.MAX_VALUE, "1");
        String b = SessionNames.forBlock(common + "b", Long.MAX_VALUE, "1");
        assertThat(a).matches(SessionNames.VALID).hasSize(SessionNames.MAX_LENGTH);
        assertThat(b).matches(SessionNames.VALID).isNotEqualTo(a);
        assertThat(a).startsWith("folder.folder.").matches(".*-[0-9a-f]{8}@9223372036854775807-1");
    }

    @Test
    void fiveHundredCharacterNameFits() {
        String name = SessionNames.forBlock("x".repeat(500), 7, "99");
        assertThat(name)
                .matches(SessionNames.VALID)
                .hasSizeLessThanOrEqualTo(64)
                .startsWith("xxxx");
    }

    @Test
    void blocksOfOneBuildGetDistinctNames() {
        Set<String> names = new HashSet<>();
        for (int block = 0; block < 1000; block++) {
            names.add(SessionNames.forBlock("team/app/" + "long-name-".repeat(10), 5, Integer.toString(block)));
        }
        assertThat(names)
                .hasSize(1000)
                .allMatch(n -> SessionNames.VALID.matcher(n).matches());
    }

    @Test
    void blockIdsOutsideTheAlphabetAreHashedNotMerged() {
        String slash = SessionNames.forBlock("job", 1, "a/b");
        String dot = SessionNames.forBlock("job", 1, "a.b");
        String long1 = SessionNames.forBlock("job", 1, "1".repeat(40));
        String long2 = SessionNames.forBlock("job", 1, "1".repeat(41));
        assertThat(Set.of(slash, dot, long1, long2))
                .hasSize(4)
                .allMatch(n -> SessionNames.VALID.matcher(n).matches());
    }

    @Test
    void theSameInputsGiveTheSameName() {
        assertThat(SessionNames.forBlock("a/b c", 9, "3")).isEqualTo(SessionNames.forBlock("a/b c", 9, "3"));
    }

    @Test
    void refusesWhatCannotBeMadeUnique() {
        assertThatThrownBy(() -> SessionNames.forBlock("job", -1, "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("build number");
        assertThatThrownBy(() -> SessionNames.forBlock("job", 1, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block id");
    }

    @Test
    void percentDecodingIsLenient() {
        assertThat(SessionNames.percentDecode("a%2Fb%2fc")).isEqualTo("a/b/c");
        assertThat(SessionNames.percentDecode("100%")).isEqualTo("100%");
        assertThat(SessionNames.percentDecode("%E2%82%AC")).isEqualTo("€");
        assertThat(SessionNames.percentDecode("a+b")).isEqualTo("a+b");
    }

    @Test
    void buildNamesFollowTheSameRules() {
        assertThat(SessionNames.forBuild("team/app/feature%2Flogin", 3)).isEqualTo("team.app.feature.login@3");
        assertThat(SessionNames.forBuild("x".repeat(500), 3))
                .matches(SessionNames.VALID)
                .hasSize(64);
        assertThatThrownBy(() -> SessionNames.forBuild("job", -1)).hasMessageContaining("negative");
    }
}
