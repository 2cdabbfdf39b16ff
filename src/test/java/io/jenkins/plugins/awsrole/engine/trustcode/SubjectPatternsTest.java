package io.jenkins.plugins.awsrole.engine.trustcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectPatternsTest {

    @Test
    void translatesEachWildcardConservatively() {
        assertThat(SubjectPatterns.translate("team/app/main")).containsExactly("team/app/main");
        assertThat(SubjectPatterns.translate("team/*")).containsExactly("team/*");
        assertThat(SubjectPatterns.translate("team/**")).containsExactly("team/*");
        // IAM's '?' is one character, but one character of a name may take up to 12 once encoded.
        assertThat(SubjectPatterns.translate("app-?")).containsExactly("app-*");
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
        assertThat(SubjectPatterns.translate("a${aws:username}")).containsExactly("a=24=7Baws=3Ausername=7D");
    }

    /** The literal parts are written as sub writes a job's name; only the pattern's own wildcards stay wildcards. */
    @Test
    void literalsAreEncodedAsSubEncodesNames() {
        assertThat(SubjectPatterns.translate("team/app/feature%2Flogin")).containsExactly("team/app/feature=252Flogin");
        assertThat(SubjectPatterns.translate("team/app/feature%2F*")).containsExactly("team/app/feature=252F*");
        assertThat(SubjectPatterns.translate("Équipe/**")).containsExactly("=C3=89quipe/*");
        assertThat(SubjectPatterns.translate("a\uD83D\uDE80*b")).containsExactly("a=F0=9F=9A=80*b");
        assertThat(SubjectPatterns.forJobs(List.of("team/a,b"), "deploy"))
                .containsExactly("job:team/a=2Cb:stage:deploy");
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

    private static final SubjectTemplate BRANCH_TEMPLATE =
            SubjectTemplate.parse("job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch}:tag:${tag}");

    private static TrustMapping.Builder mapping(String stage, String... jobs) {
        return TrustMapping.builder()
                .stage(stage)
                .roleArn("arn:aws:iam::111111111111:role/app-deploy")
                .jobs(jobs);
    }

    /** The example of docs/claims-and-tags.md: one pattern per kind of build the mapping admits. */
    @Test
    void withBranchesInTheTemplateEachKindOfBuildGetsItsPatterns() {
        TrustMapping deploy = mapping("deploy", "team/app/*")
                .branches("main", "release/*")
                .tags("v*")
                .build();

        assertThat(SubjectPatterns.forMapping(deploy, BRANCH_TEMPLATE))
                .containsExactly(
                        "job:team/app/*:stage:deploy:ref_type:branch:branch:main:tag:",
                        "job:team/app/*:stage:deploy:ref_type:branch:branch:release/*:tag:",
                        "job:team/app/*:stage:deploy:ref_type:tag:branch::tag:v*");
        assertThat(SubjectPatterns.widenedByIam(deploy, BRANCH_TEMPLATE))
                .as("release/* crosses '/' in IAM")
                .isTrue();
        assertThat(SubjectPatterns.widenedByIam(
                        mapping("deploy", "team/app/**").branches("main").build(), BRANCH_TEMPLATE))
                .isFalse();
    }

    /** The multi-account example of docs/claims-and-tags.md. */
    @Test
    void theMultiAccountExampleOfTheDocs() {
        SubjectTemplate template =
                SubjectTemplate.parse("job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch}");

        assertThat(SubjectPatterns.forMapping(
                        mapping("deploy-prod", "team/app/*").branches("main").build(), template))
                .containsExactly("job:team/app/*:stage:deploy-prod:ref_type:branch:branch:main");
        assertThat(SubjectPatterns.forMapping(
                        mapping("deploy-staging", "team/app/*")
                                .changeRequestsAllowed(true)
                                .build(),
                        template))
                .containsExactly(
                        "job:team/app/*:stage:deploy-staging:ref_type::branch:",
                        "job:team/app/*:stage:deploy-staging:ref_type:branch:branch:*",
                        "job:team/app/*:stage:deploy-staging:ref_type:change_request:branch:*");
    }

    @Test
    void replayAndFolderFieldsFollowTheMapping() {
        SubjectTemplate template = SubjectTemplate.parse("job:${job}:folder:${folder}:stage:${stage}:replay:${replay}");

        assertThat(SubjectPatterns.forMapping(
                        mapping("deploy", "team/deploy", "top", "team/*").build(), template))
                .containsExactly(
                        "job:team/*:folder:*:stage:deploy:replay:false",
                        "job:team/deploy:folder::stage:deploy:replay:false",
                        "job:team/deploy:folder:team:stage:deploy:replay:false",
                        "job:top:folder::stage:deploy:replay:false");
        assertThat(SubjectPatterns.forMapping(
                        mapping("deploy", "top").replaysAllowed(true).build(), template))
                .containsExactly("job:top:folder::stage:deploy:replay:*");
    }

    @Test
    void theDefaultTemplateGivesTodaysPatterns() {
        TrustMapping deploy = mapping("deploy", "team/app/*")
                .branches("main")
                .tags("v*")
                .changeRequestsAllowed(true)
                .build();

        assertThat(SubjectPatterns.forMapping(deploy, SubjectTemplate.DEFAULT))
                .containsExactly("job:team/app/*:stage:deploy");
    }
}
