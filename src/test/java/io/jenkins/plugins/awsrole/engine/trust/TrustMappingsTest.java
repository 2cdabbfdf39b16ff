package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrustMappingsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/deploy";
    private static final String REVOKER = "arn:aws:iam::123456789012:role/jenkins/aws-oidc-revoker";

    /** The kinds of build the matrix covers. */
    enum Kind {
        PLAIN(null, null, false, null),
        MAIN("main", null, false, null),
        FEATURE("feature/login", null, false, null),
        CHANGE_REQUEST("PR-1", "1", false, null),
        FORK_CHANGE_REQUEST("PR-2", "2", true, null),
        /** A tag named like the branch the mapping protects. */
        TAG_NAMED_MAIN(null, null, false, "main"),
        TAG_V1(null, null, false, "v1.0");

        final String branch;
        final String changeRequestId;
        final boolean fork;
        final String tag;

        Kind(String branch, String changeRequestId, boolean fork, String tag) {
            this.branch = branch;
            this.changeRequestId = changeRequestId;
            this.fork = fork;
            this.tag = tag;
        }

        BuildIdentity build(String job, boolean replayed) {
            return tag == null
                    ? new BuildIdentity(job, 7, null, branch, changeRequestId, fork, replayed)
                    : BuildIdentity.ofTag(job, 7, null, tag, replayed);
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String job : List.of("team/app/main", "other/app")) {
            for (Kind kind : Kind.values()) {
                for (boolean replayed : List.of(false, true)) {
                    for (boolean branchesRestricted : List.of(false, true)) {
                        for (boolean changeRequests : List.of(false, true)) {
                            for (boolean forks : List.of(false, true)) {
                                for (boolean replays : List.of(false, true)) {
                                    for (boolean tags : List.of(false, true)) {
                                        cases.add(Arguments.of(
                                                job,
                                                kind,
                                                replayed,
                                                branchesRestricted,
                                                changeRequests,
                                                forks,
                                                replays,
                                                tags));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    /** The documented rules, in the documented order. */
    private static DenialReason expected(
            String job,
            Kind kind,
            boolean replayed,
            boolean branchesRestricted,
            boolean changeRequests,
            boolean forks,
            boolean replays,
            boolean tags) {
        if (!job.startsWith("team/app/")) {
            return DenialReason.JOB_NOT_ALLOWED;
        }
        if (replayed && !replays) {
            return DenialReason.REPLAY_NOT_ALLOWED;
        }
        if (kind.changeRequestId != null && !changeRequests) {
            return DenialReason.CHANGE_REQUEST_NOT_ALLOWED;
        }
        if (kind.fork && !forks) {
            return DenialReason.FORK_NOT_ALLOWED;
        }
        if (kind.tag != null) {
            // Tags are matched by the tag patterns alone (here "v*"); the branch patterns never admit one.
            return tags && kind.tag.startsWith("v") ? null : DenialReason.TAG_NOT_ALLOWED;
        }
        if (branchesRestricted && kind.branch == null) {
            return DenialReason.NO_BRANCH;
        }
        if (branchesRestricted && kind == Kind.FEATURE) {
            return DenialReason.BRANCH_NOT_ALLOWED;
        }
        return null;
    }

    @ParameterizedTest(name = "{0} {1} replayed={2} branchesRestricted={3} CRs={4} forks={5} replays={6} tags={7}")
    @MethodSource("matrix")
    void decidesByTheDocumentedRules(
            String job,
            Kind kind,
            boolean replayed,
            boolean branchesRestricted,
            boolean changeRequests,
            boolean forks,
            boolean replays,
            boolean tags) {
        TrustMapping mapping = TrustMapping.builder()
                .stage("deploy")
                .roleArn(ROLE)
                .jobs("team/app/*")
                .branches(branchesRestricted ? List.of("main", "PR-*") : List.of())
                .tags(tags ? List.of("v*") : List.of())
                .changeRequestsAllowed(changeRequests)
                .forkChangeRequestsAllowed(forks)
                .replaysAllowed(replays)
                .build();
        BuildIdentity build = kind.build(job, replayed);

        AccessDecision decision = TrustMappings.of(List.of(mapping)).decide("deploy", build);

        DenialReason expected = expected(job, kind, replayed, branchesRestricted, changeRequests, forks, replays, tags);
        assertThat(decision.stage()).isEqualTo("deploy");
        if (expected == null) {
            assertThat(decision.isAllowed()).isTrue();
            assertThat(decision.reason()).isEmpty();
            assertThat(decision.mapping()).isSameAs(mapping);
        } else {
            assertThat(decision.isAllowed()).isFalse();
            assertThat(decision.reason()).contains(expected);
            assertThat(decision.message()).contains("'deploy'").contains(TrustMappings.WHERE_TO_CHANGE);
        }
    }

    private static TrustMapping.Builder mapping(String stage, String... jobs) {
        return TrustMapping.builder().stage(stage).roleArn(ROLE).jobs(jobs);
    }

    private static BuildIdentity job(String name) {
        return BuildIdentity.ofJob(name, 3, null);
    }

    @Test
    void messagesNameTheRuleAndTheFix() {
        TrustMappings mappings = TrustMappings.of(List.of(
                mapping("build", "team/**").build(),
                mapping("deploy", "team/prod/*").branches("main").build()));

        assertThat(mappings.decide("deploy", job("team/app/main")).message())
                .contains("Job 'team/app/main' may not use stage 'deploy'")
                .contains("[team/prod/*]")
                .contains("adds 'team/app/main' or a pattern such as 'team/app/**'")
                .contains("Stages this job may use: build.");
        assertThat(mappings.decide("deploy", job("team/prod/site")).message())
                .contains("builds no branch")
                .contains("only allows branches [main]");
        assertThat(mappings.decide("deploy", new BuildIdentity("team/prod/site", 3, null, "dev", null, false, false))
                        .message())
                .contains("Branch 'dev' of job 'team/prod/site' may not use stage 'deploy'")
                .contains("[main]")
                .doesNotContain("PR-*");
        assertThat(mappings.decide("build", new BuildIdentity("team/a", 3, null, "PR-4", "4", false, true))
                        .message())
                .contains("is a replay")
                .contains("allows replayed builds");
        assertThat(mappings.decide("build", new BuildIdentity("team/a", 3, null, "PR-4", "4", false, false))
                        .message())
                .contains("builds change request 4")
                .contains("allows change requests");
        TrustMappings open = TrustMappings.of(List.of(mapping("build", "team/**")
                .changeRequestsAllowed(true)
                .branches("main")
                .build()));
        assertThat(open.decide("build", new BuildIdentity("team/a", 3, null, "PR-4", "4", true, false))
                        .message())
                .contains("comes from a fork")
                .contains("allows change requests from forks");
        assertThat(open.decide("build", new BuildIdentity("team/a", 3, null, "PR-4", "4", false, false))
                        .message())
                .contains("Branch 'PR-4'")
                .contains("'PR-*' admits change requests");
    }

    /** The attack of the security review: anyone who may push a tag named like a protected branch. */
    @Test
    void aTagNamedLikeAProtectedBranchIsNotThatBranch() {
        TrustMappings mappings = TrustMappings.of(
                List.of(mapping("deploy", "team/app/*").branches("release/*").build()));
        BuildIdentity tag = BuildIdentity.ofTag("team/app/release%2Fx", 3, null, "release/x", false);
        BuildIdentity branch = new BuildIdentity("team/app/release%2Fy", 3, null, "release/y", null, false, false);

        AccessDecision refused = mappings.decide("deploy", tag);

        assertThat(refused.reason()).contains(DenialReason.TAG_NOT_ALLOWED);
        assertThat(refused.message())
                .startsWith("Build #3 of job 'team/app/release%2Fx' builds tag 'release/x', and stage 'deploy'"
                        + " allows no tags (branch patterns never admit a tag, whatever its name).")
                .contains("adds 'release/x' or a pattern that matches it to the tags of stage 'deploy'")
                .contains(TrustMappings.WHERE_TO_CHANGE);
        assertThat(mappings.decide("deploy", branch).isAllowed()).isTrue();
    }

    @Test
    void tagsAreMatchedByTheTagPatternsOnly() {
        TrustMappings mappings = TrustMappings.of(List.of(mapping("deploy", "team/app/*")
                .branches("main")
                .tags("v*", "release/**")
                .build()));

        assertThat(mappings.decide("deploy", BuildIdentity.ofTag("team/app/v1", 3, null, "v1", false))
                        .isAllowed())
                .isTrue();
        assertThat(mappings.decide(
                                "deploy",
                                BuildIdentity.ofTag("team/app/release%2F1%2Frc", 3, null, "release/1/rc", false))
                        .isAllowed())
                .isTrue();
        AccessDecision otherTag =
                mappings.decide("deploy", BuildIdentity.ofTag("team/app/main", 3, null, "main", false));
        assertThat(otherTag.reason()).contains(DenialReason.TAG_NOT_ALLOWED);
        assertThat(otherTag.message()).contains("allows only tags matching [v*, release/**]");
        // A branch named like an allowed tag pattern is still a branch, decided by the branch patterns.
        AccessDecision branch =
                mappings.decide("deploy", new BuildIdentity("team/app/v2", 3, null, "v2", null, false, false));
        assertThat(branch.reason()).contains(DenialReason.BRANCH_NOT_ALLOWED);
    }

    @Test
    void aReplayedTagIsRefusedForTheReplayFirst() {
        TrustMappings mappings = TrustMappings.of(
                List.of(mapping("deploy", "team/app/*").tags("v*").build()));

        assertThat(mappings.decide("deploy", BuildIdentity.ofTag("team/app/v1", 3, null, "v1", true))
                        .reason())
                .contains(DenialReason.REPLAY_NOT_ALLOWED);
    }

    @Test
    void jobWithoutFolderGetsItsOwnNameSuggested() {
        TrustMappings mappings =
                TrustMappings.of(List.of(mapping("deploy", "team/*").build()));
        assertThat(mappings.decide("deploy", job("standalone")).message())
                .contains("adds 'standalone' to the jobs")
                .contains("This job may use no stage at present.");
    }

    @Test
    void multibranchJobNamesAreEncodedAndBranchesDecoded() {
        TrustMappings mappings = TrustMappings.of(
                List.of(mapping("deploy", "team/app/*").branches("feature/*").build()));
        BuildIdentity build =
                new BuildIdentity("team/app/feature%2Flogin", 3, null, "feature/login", null, false, false);
        AccessDecision decision = mappings.decide("deploy", build);
        assertThat(decision.isAllowed()).as(decision.message()).isTrue();
        assertThat(decision.message()).contains("may use stage 'deploy'").contains(ROLE);
    }

    @Test
    void unknownStageListsTheStagesThisJobMayUse() {
        TrustMappings mappings = TrustMappings.of(List.of(
                mapping("build", "team/**").build(),
                mapping("deploy", "team/app/*").build(),
                mapping("prod", "ops/**").build(),
                mapping("broken", "team/**").roleArn("nonsense").build()));

        AccessDecision decision = mappings.decide("deplyo", job("team/app/main"));
        assertThat(decision.reason()).contains(DenialReason.UNKNOWN_STAGE);
        assertThat(decision.stage()).isEqualTo("deplyo");
        assertThat(decision.message())
                .contains("There is no stage 'deplyo'.")
                .contains("Stages job 'team/app/main' may use: build, deploy.")
                .doesNotContain("prod")
                .doesNotContain("broken");
        assertThat(mappings.stagesFor("team/app/main")).containsExactly("build", "deploy");
        assertThat(mappings.stagesFor("ops/x")).containsExactly("prod");
    }

    @Test
    void unknownStageSuggestsTheNameWithOtherCase() {
        TrustMappings mappings =
                TrustMappings.of(List.of(mapping("deploy", "**").build()));
        assertThat(mappings.decide("Deploy", job("a")).message())
                .contains("Did you mean 'deploy'? Stage names are case-sensitive.");
    }

    @Test
    void unknownStageSaysWhenTheJobMayUseNone() {
        TrustMappings mappings =
                TrustMappings.of(List.of(mapping("deploy", "team/**").build()));
        assertThat(mappings.decide("deploy2", job("other/app")).message())
                .contains("Job 'other/app' may use no stage: no trust mapping lists it among its jobs.");
        assertThat(TrustMappings.of(List.of()).decide("deploy", job("a")).message())
                .contains("No trust mappings are configured yet");
        assertThat(mappings.decide(null, job("a")).message()).contains("No stage was given.");
        assertThat(mappings.decide(" ", job("a")).reason()).contains(DenialReason.UNKNOWN_STAGE);
    }

    @Test
    void reservedRoleIsNeverGranted() {
        TrustMapping sneaky = mapping("cleanup", "**")
                .roleArn("arn:aws:iam::123456789012:role/AWS-OIDC-REVOKER")
                .build();
        TrustMappings mappings =
                TrustMappings.of(List.of(sneaky, mapping("deploy", "**").build()), List.of(REVOKER));

        AccessDecision decision = mappings.decide("cleanup", job("team/app"));
        assertThat(decision.isAllowed()).isFalse();
        assertThat(decision.reason()).contains(DenialReason.RESERVED_ROLE);
        assertThat(decision.message())
                .contains("reserved for revoking sessions")
                .contains("no build may have it");
        assertThatThrownBy(decision::mapping).isInstanceOf(IllegalStateException.class);

        assertThat(mappings.validate().errors()).singleElement().satisfies(p -> {
            assertThat(p.stage()).isEqualTo("cleanup");
            assertThat(p.field()).isEqualTo(MappingField.ROLE_ARN);
            assertThat(p.message()).contains("revoke sessions");
        });
        assertThat(mappings.decide("deploy", job("team/app")).isAllowed()).isTrue();
        assertThat(mappings.stagesFor("team/app")).containsExactly("deploy");
    }

    @Test
    void reservedRolesMustBeRoleArns() {
        assertThatThrownBy(() -> TrustMappings.of(List.of(), List.of("revoker")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an ARN");
    }

    @Test
    void invalidMappingGrantsNothingAndSaysWhy() {
        TrustMappings mappings = TrustMappings.of(
                List.of(mapping("deploy", "**").sessionDurationSeconds(60).build()));
        AccessDecision decision = mappings.decide("deploy", job("a"));
        assertThat(decision.reason()).contains(DenialReason.INVALID_MAPPING);
        assertThat(decision.message())
                .contains("its trust mapping has errors")
                .contains("- Stage 'deploy', sessionDurationSeconds: The session duration is 60 seconds");
        assertThat(mappings.stagesFor("a")).isEmpty();
    }

    @Test
    void mappingWithoutJobsGrantsNothing() {
        TrustMappings mappings = TrustMappings.of(List.of(mapping("deploy").build()));
        assertThat(mappings.decide("deploy", job("a")).reason()).contains(DenialReason.INVALID_MAPPING);
    }

    @Test
    void stageNamesAreUniqueIgnoringCase() {
        TrustMappings mappings = TrustMappings.of(List.of(
                mapping("deploy", "**").build(),
                mapping("Deploy", "**").build(),
                mapping("build", "**").build()));
        Validation validation = mappings.validate();
        assertThat(validation.errors())
                .hasSize(2)
                .allSatisfy(p -> {
                    assertThat(p.field()).isEqualTo(MappingField.STAGE);
                    assertThat(p.message()).contains("unique, ignoring case").contains("'deploy', 'Deploy'");
                })
                .extracting(Problem::stage)
                .containsExactly("deploy", "Deploy");
        assertThat(mappings.decide("deploy", job("a")).reason()).contains(DenialReason.INVALID_MAPPING);
        assertThat(mappings.decide("Deploy", job("a")).reason()).contains(DenialReason.INVALID_MAPPING);
        assertThat(mappings.decide("build", job("a")).isAllowed()).isTrue();
    }

    @Test
    void validationCoversEveryMappingWithWarningsApart() {
        TrustMappings mappings = TrustMappings.of(List.of(
                mapping("deploy", "**").build(),
                mapping("bad stage", "team/*").build(),
                mapping("", "team/*").build()));
        Validation validation = mappings.validate();
        assertThat(validation.errors()).extracting(Problem::stage).containsExactly("bad stage", null);
        assertThat(validation.warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith("Stage 'deploy', jobs: '**'"));
        assertThat(validation.summary().lines())
                .hasSize(3)
                .first()
                .asString()
                .startsWith("ERROR Stage 'bad stage', stage:");
        assertThat(mappings.all()).hasSize(3);
    }

    @Test
    void firstFailingRuleIsReportedInDocumentedOrder() {
        // Fails everything at once: job, replay, change request, fork, branch.
        TrustMappings mappings = TrustMappings.of(
                List.of(mapping("deploy", "team/*").branches("main").build()));
        BuildIdentity everythingWrong = new BuildIdentity("other/x", 1, null, "PR-1", "1", true, true);
        assertThat(mappings.decide("deploy", everythingWrong).reason()).contains(DenialReason.JOB_NOT_ALLOWED);
        BuildIdentity rightJob = new BuildIdentity("team/x", 1, null, "PR-1", "1", true, true);
        assertThat(mappings.decide("deploy", rightJob).reason()).contains(DenialReason.REPLAY_NOT_ALLOWED);
        assertThat(DenialReason.values())
                .extracting(DenialReason::rule)
                .doesNotHaveDuplicates()
                .contains("branch not allowed");
    }

    @Test
    void decisionsDescribeThemselves() {
        TrustMappings mappings = TrustMappings.of(List.of(mapping("deploy", "a").build()));
        assertThat(mappings.decide("deploy", job("a")).toString()).startsWith("Allowed[");
        assertThat(mappings.decide("deploy", job("b")).toString()).startsWith("Denied[job not allowed: ");
    }
}
