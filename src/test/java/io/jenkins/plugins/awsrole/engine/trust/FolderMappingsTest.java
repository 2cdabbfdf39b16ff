package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Folder mappings in the engine: scope, relative patterns, precedence, the administrator's limits, reserved roles. */
class FolderMappingsTest {

    private static final String TEAM_ROLE = "arn:aws:iam::111122223333:role/team-deploy";
    private static final String OTHER_ROLE = "arn:aws:iam::999988887777:role/deploy";
    private static final String GLOBAL_ROLE = "arn:aws:iam::123456789012:role/global-deploy";
    private static final String REVOKER = "arn:aws:iam::111122223333:role/team-revoker";

    private static final FolderLimits LIMITS =
            new FolderLimits(List.of("arn:aws:iam::111122223333:role/team-*"), List.of("444455556666"), 3600);

    private static TrustMapping mapping(String stage, String role, String... jobs) {
        return TrustMapping.builder().stage(stage).roleArn(role).jobs(jobs).build();
    }

    private static TrustMappings folder(String name, FolderLimits limits, TrustMapping... mappings) {
        return TrustMappings.forFolder(name, List.of(mappings), List.of(REVOKER), limits);
    }

    /** Global mappings with these folder sets around the jobs: each folder set encloses the jobs inside it. */
    private static TrustMappings layered(List<TrustMapping> global, TrustMappings... folders) {
        return TrustMappings.of(global, List.of(REVOKER)).withFolders(new TrustMappings.FolderSource() {
            @Override
            public List<TrustMappings> enclosing(String job) {
                // nearest first: the longest folder name that holds the job
                return java.util.Arrays.stream(folders)
                        .filter(f -> job.startsWith(f.folder() + "/"))
                        .sorted((a, b) -> b.folder().length() - a.folder().length())
                        .toList();
            }

            @Override
            public List<TrustMappings> all() {
                return List.of(folders);
            }
        });
    }

    private static BuildIdentity job(String name) {
        return BuildIdentity.ofJob(name, 3, null);
    }

    @Test
    void aFolderMappingGivesItsRoleToTheJobsItsRelativePatternsMatch() {
        TrustMappings mappings = layered(List.of(), folder("team", LIMITS, mapping("deploy", TEAM_ROLE, "app/*")));

        AccessDecision allowed = mappings.decide("deploy", job("team/app/main"));

        assertThat(allowed.isAllowed()).as(allowed.toString()).isTrue();
        assertThat(allowed.mapping().roleArn()).isEqualTo(TEAM_ROLE);
        assertThat(allowed.mapping().folder()).isEqualTo("team");
        AccessDecision other = mappings.decide("deploy", job("team/lib/main"));
        assertThat(other.reason()).contains(DenialReason.JOB_NOT_ALLOWED);
        assertThat(other.message())
                .contains("Job 'team/lib/main' may not use stage 'deploy'")
                .contains("adds 'lib/main' or a pattern such as 'lib/**'")
                .contains("the folder 'team' > AWS role mappings");
    }

    @Test
    void noPatternOfAFolderReachesAJobOutsideIt() {
        TrustMappings team = folder("team", LIMITS, mapping("deploy", TEAM_ROLE, "**"));

        // Even asked directly (the lookup gives a folder set only for jobs inside it), a job outside never matches.
        for (String outside : List.of("other/app", "team", "teamx/app", "app")) {
            AccessDecision decision = team.decide("deploy", job(outside));
            assertThat(decision.isAllowed()).as(outside).isFalse();
            assertThat(decision.reason()).as(outside).contains(DenialReason.JOB_NOT_ALLOWED);
        }
        assertThat(layered(List.of(), team).decide("deploy", job("other/app")).reason())
                .as("outside the folder, the folder's stage does not exist")
                .contains(DenialReason.UNKNOWN_STAGE);
    }

    @Test
    void aJobPatternThatNamesAParentIsRefused() {
        TrustMappings team = folder("team", LIMITS, mapping("deploy", TEAM_ROLE, "../other/*"));

        assertThat(team.validate().errors()).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(MappingField.JOBS);
            assertThat(p.message()).contains("Job pattern '../other/*' names '..'");
        });
        assertThat(team.decide("deploy", job("team/x")).reason()).contains(DenialReason.INVALID_MAPPING);
        assertThat(folder("team", LIMITS, mapping("deploy", TEAM_ROLE, "/other/*"))
                        .validate()
                        .hasErrors())
                .as("a leading / is refused like in every pattern")
                .isTrue();
    }

    @Test
    void theNearestFolderThatMapsTheStageWinsAndTheGlobalMappingsComeLast() {
        TrustMappings mappings = layered(
                List.of(mapping("deploy", GLOBAL_ROLE, "**"), mapping("build", GLOBAL_ROLE, "**")),
                folder("team", LIMITS, mapping("deploy", TEAM_ROLE, "**"), mapping("test", TEAM_ROLE, "**")),
                folder("team/app", LIMITS, mapping("deploy", "arn:aws:iam::444455556666:role/app", "**")));

        assertThat(mappings.decide("deploy", job("team/app/main")).mapping().roleArn())
                .isEqualTo("arn:aws:iam::444455556666:role/app");
        assertThat(mappings.decide("test", job("team/app/main")).mapping().folder())
                .as("a stage the nearest folder does not map comes from the next one")
                .isEqualTo("team");
        assertThat(mappings.decide("deploy", job("team/lib")).mapping().roleArn())
                .isEqualTo(TEAM_ROLE);
        assertThat(mappings.decide("build", job("team/app/main")).mapping().roleArn())
                .isEqualTo(GLOBAL_ROLE);
        assertThat(mappings.decide("deploy", job("other/app")).mapping().roleArn())
                .isEqualTo(GLOBAL_ROLE);
        assertThat(mappings.stagesFor("team/app/main")).containsExactly("deploy", "test", "build");
    }

    @Test
    void aFolderThatMapsTheStageDecidesEvenWhenItRefuses() {
        TrustMappings mappings = layered(
                List.of(mapping("deploy", GLOBAL_ROLE, "**")),
                folder("team", LIMITS, mapping("deploy", TEAM_ROLE, "app")));

        AccessDecision decision = mappings.decide("deploy", job("team/lib"));

        assertThat(decision.reason())
                .as("no fall-through to the global mapping")
                .contains(DenialReason.JOB_NOT_ALLOWED);
    }

    @Test
    void aMappingBeyondTheLimitsIsAnErrorWhenSavedAndRefusedWithItsOwnRuleAtUse() {
        TrustMappings team = folder(
                "team",
                LIMITS,
                mapping("other-account", OTHER_ROLE, "**"),
                TrustMapping.builder()
                        .stage("long")
                        .roleArn(TEAM_ROLE)
                        .jobs("**")
                        .sessionDurationSeconds(7200)
                        .build(),
                mapping("listed-account", "arn:aws:iam::444455556666:role/anything", "**"),
                mapping("pattern", "arn:aws:iam::111122223333:role/team-x/y", "**"));

        assertThat(team.validate().errors())
                .extracting(Problem::stage, Problem::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("other-account", MappingField.ROLE_ARN),
                        org.assertj.core.groups.Tuple.tuple("long", MappingField.SESSION_DURATION));
        AccessDecision other = team.decide("other-account", job("team/app"));
        assertThat(other.reason()).contains(DenialReason.OUTSIDE_FOLDER_LIMITS);
        assertThat(other.message())
                .contains("Stage 'other-account' of folder 'team' cannot be used")
                .contains("Role " + OTHER_ROLE + " is outside what folders may map");
        assertThat(team.decide("long", job("team/app")).message())
                .contains("A session of 7200 seconds is longer than folder mappings may give (3600 seconds)");
        assertThat(team.decide("listed-account", job("team/app")).isAllowed()).isTrue();
        assertThat(team.decide("pattern", job("team/app")).isAllowed())
                .as("* matches / in a role ARN pattern, as in IAM")
                .isTrue();
        assertThat(team.usable()).extracting(TrustMapping::stage).containsExactly("listed-account", "pattern");
    }

    @Test
    void withNoLimitsFoldersMayMapNothing() {
        TrustMappings team = folder("team", FolderLimits.none(), mapping("deploy", TEAM_ROLE, "**"));

        assertThat(FolderLimits.none().allowsAny()).isFalse();
        AccessDecision decision = team.decide("deploy", job("team/app"));
        assertThat(decision.reason()).contains(DenialReason.OUTSIDE_FOLDER_LIMITS);
        assertThat(decision.message()).contains("an administrator has allowed folders no role yet");
    }

    @Test
    void aFolderMappingCannotChainARoleNorAddStaticTagsWhateverTheLimits() {
        FolderLimits everything = new FolderLimits(List.of(), List.of("111122223333", "444455556666"), 3600);
        TrustMappings team = folder(
                "team",
                everything,
                TrustMapping.builder()
                        .stage("chain")
                        .roleArn(TEAM_ROLE)
                        .chainedRoleArn("arn:aws:iam::444455556666:role/prod")
                        .jobs("**")
                        .build(),
                TrustMapping.builder()
                        .stage("tags")
                        .roleArn(TEAM_ROLE)
                        .sessionTags(true)
                        .staticSessionTags("team=payments")
                        .jobs("**")
                        .build());

        AccessDecision chain = team.decide("chain", job("team/app"));
        assertThat(chain.reason()).contains(DenialReason.OUTSIDE_FOLDER_LIMITS);
        assertThat(chain.message()).contains("Folder mappings cannot chain roles");
        AccessDecision tags = team.decide("tags", job("team/app"));
        assertThat(tags.reason()).contains(DenialReason.OUTSIDE_FOLDER_LIMITS);
        assertThat(tags.message()).contains("Folder mappings cannot add static session tags");
        assertThat(team.validate().errors())
                .extracting(Problem::field)
                .contains(MappingField.CHAINED_ROLE_ARN, MappingField.STATIC_SESSION_TAGS);
    }

    @Test
    void theFirstRoleOfAGlobalChainIsReservedForFolderMappings() {
        // AwsRoleConfiguration passes the first roles of global chained stages to folders as reserved roles.
        FolderLimits everything = new FolderLimits(List.of(), List.of("111122223333"), 3600);
        TrustMappings team = TrustMappings.forFolder(
                "team", List.of(mapping("deploy", TEAM_ROLE, "**")), List.of(REVOKER, TEAM_ROLE), everything);

        assertThat(team.decide("deploy", job("team/app")).reason()).contains(DenialReason.RESERVED_ROLE);
    }

    @Test
    void aReservedRoleStaysReservedInAFolderWhateverTheLimits() {
        FolderLimits everything = new FolderLimits(List.of(), List.of("111122223333"), 43200);
        TrustMappings team = folder("team", everything, mapping("revoke", REVOKER, "**"));

        assertThat(team.validate().hasErrors()).isTrue();
        assertThat(team.decide("revoke", job("team/app")).reason()).contains(DenialReason.RESERVED_ROLE);
    }

    @Test
    void aFolderMappingsJobPatternsAreRootedAtTheFolderForTheExports() {
        TrustMapping mapping = folder("teams/pay", LIMITS, mapping("deploy", TEAM_ROLE, "app/*", "**"))
                .all()
                .get(0);

        assertThat(mapping.jobPatternsFromRoot()).containsExactly("teams/pay/app/*", "teams/pay/**");
        assertThat(mapping("deploy", TEAM_ROLE, "app/*").jobPatternsFromRoot()).containsExactly("app/*");
    }

    @Test
    void theLimitsThemselvesAreChecked() {
        assertThat(FolderLimits.roleArnPatternsProblem(List.of("arn:aws:iam::111122223333:role/team-*")))
                .isNull();
        for (String bad : List.of(
                "arn:aws:iam::*:role/x", "arn:aws:iam::111122223333:user/x", "*", "arn:aws:iam::111122223333:role/")) {
            assertThat(FolderLimits.roleArnPatternsProblem(List.of(bad)))
                    .as(bad)
                    .contains("'" + bad + "'");
        }
        assertThat(FolderLimits.accountsProblem(List.of("111122223333"))).isNull();
        assertThat(FolderLimits.accountsProblem(List.of("11112222333"))).contains("not a 12-digit");
        assertThat(FolderLimits.maxSessionProblem(899)).isNotNull();
        assertThat(FolderLimits.maxSessionProblem(43200)).isNull();
        assertThatThrownBy(() -> TrustMappings.forFolder(" ", List.of(), List.of(), LIMITS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownStageNamesTheFolderStagesTheJobMayUse() {
        TrustMappings mappings = layered(List.of(), folder("team", LIMITS, mapping("deploy", TEAM_ROLE, "**")));

        assertThat(mappings.decide("deploi", job("team/app")).message())
                .isEqualTo("There is no stage 'deploi'. Stages job 'team/app' may use: deploy.");
    }

    @Test
    void anUnapprovedFolderRefusesEveryStageItMapsAndNeverFallsThroughToTheGlobalMapping() {
        TrustMappings unapproved =
                folder("team", LIMITS, mapping("deploy", TEAM_ROLE, "**")).unapproved();
        TrustMappings mappings = layered(List.of(mapping("deploy", GLOBAL_ROLE, "**")), unapproved);

        AccessDecision refused = mappings.decide("deploy", job("team/app"));

        assertThat(refused.isAllowed()).isFalse();
        assertThat(refused.reason()).contains(DenialReason.UNAPPROVED_FOLDER_MAPPINGS);
        assertThat(refused.message())
                .contains("The mappings of folder 'team' were changed outside its AWS role mappings page (config.xml,"
                        + " Job DSL, a copy or move); someone with the 'Folder mappings' permission opens that page"
                        + " and saves them to approve them.");
        assertThat(unapproved.usable())
                .as("left out of the exports and the drift check")
                .isEmpty();
        assertThat(unapproved.stagesFor("team/app")).isEmpty();
        assertThat(mappings.decide("deploy", job("other/app")).isAllowed())
                .as("outside the folder, the global mapping")
                .isTrue();
        assertThatThrownBy(() -> TrustMappings.of(List.of()).unapproved()).isInstanceOf(IllegalStateException.class);
    }
}
