package io.jenkins.plugins.awsrole.engine.trustcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectPatternsTest {

    @Test
    void translatesEachWildcardConservatively() {
        assertThat(SubjectPatterns.translate("team/app/main")).containsExactly("team/app/main");
        assertThat(SubjectPatterns.translate("team/*")).containsExactly("team/*");
        assertThat(SubjectPatterns.translate("team/**")).containsExactly("team/*");
        assertThat(SubjectPatterns.translate("app-?")).containsExactly("app-?");
        assertThat(SubjectPatterns.translate("**")).containsExactly("*");
    }

    @Test
    void aLeadingOrInnerDoubleStarSegmentAlsoMatchesNoSegment() {
        assertThat(SubjectPatterns.translate("**/deploy")).containsExactly("*/deploy", "deploy");
        assertThat(SubjectPatterns.translate("team/**/main")).containsExactly("team/*/main", "team/main");
        assertThat(SubjectPatterns.translate("**/x/**/y")).containsExactly("*/x/*/y", "*/x/y", "x/*/y", "x/y");
    }

    @Test
    void dollarSignsCannotBecomePolicyVariables() {
        assertThat(SubjectPatterns.translate("a${aws:username}")).containsExactly("a${$}{aws:username}");
    }

    @Test
    void subPatternsAreSortedDistinctAndNameTheStage() {
        assertThat(SubjectPatterns.forJobs(List.of("b", "a/**", "a/*"), "deploy"))
                .containsExactly("job:a/*:stage:deploy", "job:b:stage:deploy");
    }

    @Test
    void reportsWhichPatternsAwsMatchesMoreWidely() {
        assertThat(SubjectPatterns.widenedByIam("team/*")).isTrue();
        assertThat(SubjectPatterns.widenedByIam("app-?")).isTrue();
        assertThat(SubjectPatterns.widenedByIam("team/**")).isFalse();
        assertThat(SubjectPatterns.widenedByIam("team/app/main")).isFalse();
    }

    @Test
    void refusesWhatThePluginRefuses() {
        assertThatThrownBy(() -> SubjectPatterns.translate("a//b")).hasMessageContaining("empty segment");
    }

    @Test
    void coverageIsSoundForWildcards() {
        assertThat(PatternCoverage.covers("job:team/*:stage:build", "job:team/app/*:stage:build"))
                .isTrue();
        assertThat(PatternCoverage.covers("job:team/app/*:stage:build", "job:team/*:stage:build"))
                .isFalse();
        assertThat(PatternCoverage.covers("job:a?:stage:b", "job:a*:stage:b")).isFalse();
        assertThat(PatternCoverage.covers("job:a?:stage:b", "job:a?:stage:b")).isTrue();
        assertThat(PatternCoverage.covers("job:x:stage:b", "*")).isFalse();
    }
}
