package io.jenkins.plugins.awsrole.engine.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionNamesTest {

    /** The id of the exact identity that ends every name. */
    private static final String ID = "-[a-z2-7]{" + SessionNames.ID_LENGTH + "}";

    @Test
    void readableNameForAPlainJob() {
        assertThat(SessionNames.forBlock("team/app/main", 42, "7")).matches("team\\.app\\.main@42-7" + ID);
    }

    @Test
    void branchNamesEncodedByMultibranchAreDecoded() {
        assertThat(SessionNames.forBlock("team/app/feature%2Flogin", 3, "12"))
                .matches("team\\.app\\.feature\\.login@3-12" + ID);
    }

    @Test
    void accentsAreStrippedAndOtherLettersReplaced() {
        assertThat(SessionNames.forBlock("Équipe/déploiement", 1, "5")).matches("Equipe\\.deploiement@1-5" + ID);
        assertThat(SessionNames.forBlock("build it now", 1, "5")).matches("build-it-now@1-5" + ID);
    }

    /** The collisions of the security review: names that read the same are still different sessions. */
    @Test
    void identitiesThatReadTheSameGetDifferentNames() {
        List<List<String>> lookAlikes = List.of(
                List.of("team/app/main", "team.app.main", "team/app.main", "team%2Fapp/main"),
                List.of("team/app/feature%2Flogin", "team/app/feature/login", "team/app/feature.login"),
                List.of("my job", "my-job", "my@job", "my--job", "my job!"),
                List.of("Équipe", "Equipe", "E\u0301quipe"),
                List.of("日本語", "中文", "", " "));
        for (List<String> jobs : lookAlikes) {
            Set<String> names = new HashSet<>();
            for (String job : jobs) {
                names.add(SessionNames.forBlock(job, 42, "7"));
            }
            assertThat(names).as("session names of %s", jobs).hasSize(jobs.size());
        }
    }

    @Test
    void theBuildAndTheBlockArePartOfTheIdentityToo() {
        Set<String> names = new HashSet<>();
        names.add(SessionNames.forBlock("team/app/main", 42, "7"));
        names.add(SessionNames.forBlock("team/app/main", 427, "1"));
        names.add(SessionNames.forBlock("team/app/main", 42, "71"));
        names.add(SessionNames.forBlock("team/app/main", 4, "27"));
        names.add(SessionNames.forBlock("team/app/main", 42, "7f1"));
        assertThat(names).hasSize(5);
    }

    /** Lengths and separators cannot be traded between the parts of the identity. */
    @Test
    void theIdentityIsHashedUnambiguously() {
        assertThat(SessionNames.id("a", 12, "3")).isNotEqualTo(SessionNames.id("a1", 2, "3"));
        assertThat(SessionNames.id("a:1", 2, "3")).isNotEqualTo(SessionNames.id("a", 1, "2:3"));
        assertThat(SessionNames.id("a", 1, null)).isNotEqualTo(SessionNames.id("a", 1, ""));
        assertThat(SessionNames.id("\uD83D", 1, "2")).isNotEqualTo(SessionNames.id("?", 1, "2"));
        assertThat(SessionNames.id("a", 1, "2")).hasSize(SessionNames.ID_LENGTH).matches("[a-z2-7]+");
    }

    @Test
    void manyRandomIdentitiesNeverShareAName() {
        Random random = new Random(7);
        String alphabet = "ab/.-_ %2F@é日";
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            StringBuilder job = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                job.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String identity = job + "#" + random.nextInt(3) + "#" + random.nextInt(3);
            String[] parts = identity.split("#", -1);
            String name = SessionNames.forBlock(parts[0], Long.parseLong(parts[1]), "b" + parts[2]);
            String earlier = seen.putIfAbsent(name, identity);
            assertThat(earlier == null || earlier.equals(identity))
                    .as("%s and %s share %s", earlier, identity, name)
                    .isTrue();
            assertThat(name).matches(SessionNames.VALID);
        }
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
        assertThat(name).matches(SessionNames.VALID).matches(".*@123456789-4711" + ID);
    }

    @Test
    void onlyInvalidCharactersFallBackToAPlaceholder() {
        String first = SessionNames.forBlock("日本語", 1, "1");
        String second = SessionNames.forBlock("中文", 1, "1");
        assertThat(first).matches("job@1-1" + ID);
        assertThat(second).matches("job@1-1" + ID).isNotEqualTo(first);
        assertThat(SessionNames.forBlock(null, 1, "1")).isEqualTo(SessionNames.forBlock("", 1, "1"));
    }

    @Test
    void longNamesAreCutAndStayDistinct() {
        String common = "folder/".repeat(70);
        String a = SessionNames.forBlock(common + "a", Long.MAX_VALUE, "1");
        String b = SessionNames.forBlock(common + "b", Long.MAX_VALUE, "1");
        assertThat(a).matches(SessionNames.VALID).hasSizeLessThanOrEqualTo(SessionNames.MAX_LENGTH);
        assertThat(b).matches(SessionNames.VALID).isNotEqualTo(a);
        assertThat(a).startsWith("folder.folder.").matches(".*@9223372036854775807-1" + ID);
    }

    @Test
    void theLongestBuildNumberAndBlockStillLeaveRoomForTheJob() {
        String name = SessionNames.forBlock("team/app/main", Long.MAX_VALUE, "x".repeat(16));
        assertThat(name).matches(SessionNames.VALID).startsWith("team.app.main").hasSize(SessionNames.MAX_LENGTH);
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
        assertThat(SessionNames.forBuild("team/app/feature%2Flogin", 3)).matches("team\\.app\\.feature\\.login@3" + ID);
        assertThat(SessionNames.forBuild("team/app/feature/login", 3))
                .isNotEqualTo(SessionNames.forBuild("team/app/feature%2Flogin", 3));
        assertThat(SessionNames.forBuild("x".repeat(500), 3))
                .matches(SessionNames.VALID)
                .hasSize(64);
        assertThatThrownBy(() -> SessionNames.forBuild("job", -1)).hasMessageContaining("negative");
    }
}
