package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTagsTest {

    private static Map<String, String> tags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put("Key" + i, "value" + i);
        }
        return tags;
    }

    @Test
    void claimHasOneElementArraysAndTransitiveKeys() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("Project", "Automation");
        given.put("CostCenter", "987654");

        Map<String, Object> claim = new SessionTags(given, List.of("Project", "CostCenter")).toClaim();

        assertThat(claim).containsOnlyKeys("principal_tags", "transitive_tag_keys");
        assertThat(claim.get("principal_tags"))
                .isEqualTo(Map.of("Project", List.of("Automation"), "CostCenter", List.of("987654")));
        assertThat(claim.get("transitive_tag_keys")).isEqualTo(List.of("Project", "CostCenter"));
        assertThat(SessionTags.of(given).toClaim()).containsOnlyKeys("principal_tags");
    }

    @Test
    void fiftyTagsAreAcceptedFiftyOneAreNot() {
        assertThat(SessionTags.of(tags(50)).principalTags()).hasSize(50);
        assertThatThrownBy(() -> SessionTags.of(tags(51))).hasMessage("51 session tags given; AWS accepts at most 50.");
        assertThatThrownBy(() -> SessionTags.of(Map.of())).hasMessageContaining("at least one");
    }

    @Test
    void keyAndValueLengthLimits() {
        assertThat(SessionTags.of(Map.of("k".repeat(128), "v".repeat(256)))).isNotNull();
        assertThat(SessionTags.of(Map.of("k", ""))).isNotNull();
        assertThatThrownBy(() -> SessionTags.of(Map.of("k".repeat(129), "v"))).hasMessageContaining("longer than 128");
        assertThatThrownBy(() -> SessionTags.of(Map.of("k", "v".repeat(257)))).hasMessageContaining("longer than 256");
        assertThatThrownBy(() -> SessionTags.of(Map.of("", "v"))).hasMessageContaining("empty");
    }

    @Test
    void allowedCharactersIncludeUnicodeLettersAndSpaces() {
        assertThat(SessionTags.of(Map.of("Équipe name_.:/=+-@", "Déploiement 2 über/alles")))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*b", "a,b", "a\"b", "a\nb", "a#b", "a!b"})
    void forbiddenCharactersAreRejectedInKeysAndValues(String text) {
        assertThatThrownBy(() -> SessionTags.of(Map.of(text, "v"))).hasMessageContaining("may contain only");
        assertThatThrownBy(() -> SessionTags.of(Map.of("k", text))).hasMessageContaining("may contain only");
    }

    @Test
    void awsPrefixIsReserved() {
        assertThatThrownBy(() -> SessionTags.of(Map.of("AWS:Project", "v"))).hasMessageContaining("'aws:'");
    }

    @Test
    void keysDifferingOnlyInCaseAreDuplicates() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("Project", "a");
        given.put("project", "b");
        assertThatThrownBy(() -> SessionTags.of(given)).hasMessageContaining("case-insensitive");
    }

    @Test
    void transitiveKeysMustBeTagsAndUnique() {
        assertThatThrownBy(() -> new SessionTags(Map.of("Project", "a"), List.of("Team")))
                .hasMessage("The transitive tag key 'Team' is not one of the session tags.");
        assertThatThrownBy(() -> new SessionTags(Map.of("Project", "a"), List.of("Project", "Project")))
                .hasMessageContaining("listed twice");
    }

    @Test
    void tagsAreCopiedSoCallersCannotChangeThem() {
        Map<String, String> given = new LinkedHashMap<>(Map.of("Project", "a"));
        SessionTags tags = SessionTags.of(given);
        given.put("Other", "b");
        assertThat(tags.principalTags()).containsOnlyKeys("Project");
    }
}
