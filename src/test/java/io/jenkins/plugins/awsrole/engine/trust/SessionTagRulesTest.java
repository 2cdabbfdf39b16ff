package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A mapping's static session tags and transitive keys, checked by IAM's rules when the mapping is saved. */
class SessionTagRulesTest {

    private static TrustMapping.Builder tagged() {
        return TrustMapping.builder()
                .stage("deploy")
                .roleArn("arn:aws:iam::123456789012:role/deploy")
                .jobs("team/app/*")
                .sessionTags(true);
    }

    private static List<String> errors(TrustMapping mapping) {
        return TrustMappingValidator.validate(mapping).errors().stream()
                .map(Problem::message)
                .toList();
    }

    @Test
    void staticTagsAndTransitiveKeysAreClean() {
        TrustMapping mapping = tagged().staticSessionTags("team=payments", " cost-center = 42 ", "empty=", "a=b=c")
                .transitiveTagKeys("team", "jenkins-job")
                .build();

        assertThat(TrustMappingValidator.validate(mapping).isClean()).isTrue();
        assertThat(mapping.staticTags())
                .as("split at the first '=', spaces around key and value dropped, in order")
                .containsExactly(
                        entry("team", "payments"), entry("cost-center", "42"), entry("empty", ""), entry("a", "b=c"));
    }

    @Test
    void staticTagsNeedSessionTagsOn() {
        TrustMapping mapping = tagged().sessionTags(false)
                .staticSessionTags("team=payments")
                .transitiveTagKeys("team")
                .build();

        assertThat(TrustMappingValidator.validate(mapping).errors())
                .extracting(Problem::field)
                .containsExactlyInAnyOrder(MappingField.STATIC_SESSION_TAGS, MappingField.TRANSITIVE_TAG_KEYS);
        assertThat(errors(mapping).get(0)).contains("turn on 'Send session tags'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "team payments|has no '='",
                "=payments|A session tag key is empty",
                "aws:team=x|starts with 'aws:'",
                "AWS:team=x|starts with 'aws:'",
                "team!=x|may contain only letters",
                "team=pay$|may contain only letters",
                "jenkins-job=other|one the plugin sets itself",
                "Jenkins-Stage=prod|one the plugin sets itself",
                "jenkins-branch=main|one the plugin sets itself",
                "jenkins-tag=v1|one the plugin sets itself",
                "jenkins-build=1|one the plugin sets itself"
            })
    void aBadStaticTagIsRefusedSayingWhy(String line, String expected) {
        assertThat(errors(tagged().staticSessionTags(line).build()))
                .singleElement()
                .asString()
                .contains(expected);
    }

    @Test
    void keyAndValueLengthsAreIamsCountedInCharacters() {
        String key128 = "k".repeat(128);
        String value256 = "\u00E9".repeat(256);

        assertThat(errors(tagged().staticSessionTags(key128 + "=" + value256).build()))
                .isEmpty();
        assertThat(errors(tagged().staticSessionTags(key128 + "k=v").build()))
                .singleElement()
                .asString()
                .contains("longer than 128");
        assertThat(errors(tagged().staticSessionTags("k=" + value256 + "e").build()))
                .singleElement()
                .asString()
                .contains("longer than 256");
    }

    @Test
    void keysAreUniqueIgnoringCaseAsInIam() {
        assertThat(errors(tagged().staticSessionTags("Team=a", "team=b").build()))
                .singleElement()
                .asString()
                .contains("given twice");
    }

    @Test
    void atMost46StaticTagsSoThatATokenNeverCarriesMoreThan50() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < SessionTagRules.MAX_STATIC_TAGS; i++) {
            lines.add("k" + i + "=v");
        }
        assertThat(SessionTagRules.MAX_STATIC_TAGS).isEqualTo(46);
        assertThat(errors(tagged().staticSessionTags(lines).build())).isEmpty();

        lines.add("one-more=v");
        assertThat(errors(tagged().staticSessionTags(lines).build()))
                .singleElement()
                .asString()
                .contains("There are 47 static session tags")
                .contains("Keep 46 at most");
    }

    @Test
    void aTransitiveKeyMustBeATagOfTheStageOnce() {
        assertThat(errors(tagged().staticSessionTags("team=a")
                        .transitiveTagKeys("teams")
                        .build()))
                .singleElement()
                .asString()
                .contains("'teams' is not a session tag of this stage");
        assertThat(errors(tagged().staticSessionTags("team=a")
                        .transitiveTagKeys("team", "team")
                        .build()))
                .singleElement()
                .asString()
                .contains("listed twice");
        assertThat(errors(tagged().transitiveTagKeys("jenkins-branch", "jenkins-tag")
                        .build()))
                .as("the plugin's own keys may be transitive")
                .isEmpty();
    }

    @Test
    void manyLongTagsWithAPolicyWarnOfThePackedLimit() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add("key-" + i + "=" + "v".repeat(250));
        }
        Validation validation =
                TrustMappingValidator.validate(tagged().staticSessionTags(lines).build());

        assertThat(validation.errors()).isEmpty();
        assertThat(validation.problems())
                .filteredOn(p -> p.field() == MappingField.STATIC_SESSION_TAGS)
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("PackedPolicyTooLarge"));
    }
}
