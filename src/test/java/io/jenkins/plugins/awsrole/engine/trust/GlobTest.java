package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource({
        // * stays within one segment
        "team/*, team/app, true",
        "team/*, team/app/main, false",
        "team/*, team, false",
        "team/*/main, team/app/main, true",
        "team/*/main, team/a/b/main, false",
        "*, main, true",
        "*, feature/login, false",
        "app-*, app-, true",
        // ** crosses segments
        "team/**, team/app, true",
        "team/**, team/app/main, true",
        "team/**, team, false",
        "team/**, teamx/app, false",
        "**, anything/at/all, true",
        "**, x, true",
        "**/main, main, true",
        "**/main, team/app/main, true",
        "**/main, team/app/mainline, false",
        "team/**/main, team/main, true",
        "team/**/main, team/a/b/main, true",
        "team/**/main, team/a/b/other, false",
        "release-**, release-1/hotfix, true",
        // ? is one character within a segment
        "app?, app1, true",
        "app?, app12, false",
        "a?b, a/b, false",
        // literal regex characters
        "team.app, team.app, true",
        "team.app, teamXapp, false",
        "c++/build, c++/build, true",
        "c++/build, cc/build, false",
        "app (old)/main, app (old)/main, true",
        "app (old)/main, app old/main, false",
        "a$b^c|d, a$b^c|d, true",
        "[x], [x], true",
        "[x], x, false",
        "a\\Qb\\Ec, a\\Qb\\Ec, true",
        // multibranch job names encode '/' in a branch as %2F, so * matches across the encoded slash
        "team/app/*, team/app/feature%2Flogin, true",
        "team/app/feature%2F*, team/app/feature%2Flogin, true",
        "team/app/feature/*, team/app/feature%2Flogin, false",
        // branch names are matched decoded
        "feature/*, feature/login, true",
        "feature/*, feature/a/b, false",
        "feature/**, feature/a/b, true",
        // case-sensitive
        "Team/*, team/app, false",
    })
    void matches(String pattern, String name, boolean expected) {
        assertThat(Glob.compile(pattern).matches(name)).isEqualTo(expected);
    }

    @Test
    void nullNeverMatches() {
        assertThat(Glob.compile("**").matches(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " team/*", "team/* ", "/team/*", "team/", "team//app", "team/***", "a\tb"})
    void refusesUnusablePatterns(String pattern) {
        assertThat(Glob.problem(pattern)).isNotNull();
        assertThatThrownBy(() -> Glob.compile(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void problemsSayWhatToWrite() {
        assertThat(Glob.problem("/team/app/")).contains("write 'team/app'");
        assertThat(Glob.problem("a/***")).contains("'*'").contains("'**'");
        assertThat(Glob.problem("a//b")).contains("'//'");
        assertThat(Glob.problem(null)).contains("empty");
    }

    @Test
    void setMatchesAnyAndKeepsPatterns() {
        GlobSet set = GlobSet.compile(List.of("team/a/*", "other/**"));
        assertThat(set.matchesAny("team/a/main")).isTrue();
        assertThat(set.matchesAny("other/x/y")).isTrue();
        assertThat(set.matchesAny("team/b/main")).isFalse();
        assertThat(set.patterns()).containsExactly("team/a/*", "other/**");
        assertThat(GlobSet.compile(List.of()).matchesAny("x")).isFalse();
        assertThatThrownBy(() -> GlobSet.compile(List.of("ok", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitsFormLines() {
        assertThat(GlobSet.splitLines(" team/a/*\r\n\n  other/**  \n")).containsExactly("team/a/*", "other/**");
        assertThat(GlobSet.splitLines(null)).isEmpty();
        assertThat(GlobSet.splitLines("a,b")).containsExactly("a,b");
    }

    @Test
    void everythingPattern() {
        assertThat(Glob.compile("**").matchesEverything()).isTrue();
        assertThat(Glob.compile("team/**").matchesEverything()).isFalse();
        assertThat(Glob.compile("x")).isEqualTo(Glob.compile("x")).hasToString("x");
    }
}
