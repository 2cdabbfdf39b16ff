package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {

    @Test
    void splitsOnEveryKindOfLineBreak() {
        assertThat(Lines.split("team/a/**\nteam/b/**\r\nteam/c/**\rteam/d/**"))
                .containsExactly("team/a/**", "team/b/**", "team/c/**", "team/d/**");
    }

    @Test
    void dropsBlankLinesAndStripsEachLine() {
        assertThat(Lines.split("\n  main \r\n\t\r\n   \nrelease/*\t\n\n")).containsExactly("main", "release/*");
    }

    @Test
    void keepsSpacesInsideAnEntry() {
        // Not the splitter's business: the engine's pattern check names it.
        assertThat(Lines.split(" team/my app ")).containsExactly("team/my app");
    }

    @Test
    void nothingGivesAnEmptyList() {
        assertThat(Lines.split(null)).isEmpty();
        assertThat(Lines.split("")).isEmpty();
        assertThat(Lines.split(" \r\n \n")).isEmpty();
    }

    @Test
    void joinsOneALineWithoutATrailingBreak() {
        assertThat(Lines.join(List.of("a", "b/**"))).isEqualTo("a\nb/**");
        assertThat(Lines.join(List.of())).isEmpty();
        assertThat(Lines.join(null)).isEmpty();
    }

    @Test
    void joinThenSplitGivesTheSameEntries() {
        List<String> entries = List.of("team/app/*", "**/deploy", "app-?");

        assertThat(Lines.split(Lines.join(entries))).isEqualTo(entries);
    }
}
