package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectTemplateTest {

    private static final String ALL_FIELDS = "job:${job}:folder:${folder}:stage:${stage}:ref_type:${ref_type}"
            + ":branch:${branch}:tag:${tag}:replay:${replay}";

    private static final BuildIdentity JOB = BuildIdentity.ofJob("team/app", 42, null);
    private static final BuildIdentity TOP = BuildIdentity.ofJob("deploy-all", 1, null);
    private static final BuildIdentity BRANCH = new BuildIdentity("team/app/main", 3, null, "main", null, false, false);
    private static final BuildIdentity PR = new BuildIdentity("team/app/PR-7", 3, null, "PR-7", "7", true, true);
    private static final BuildIdentity TAG = BuildIdentity.ofTag("team/app/v1.0", 5, null, "v1.0", false);

    @Test
    void defaultTemplateNamesJobAndStage() {
        assertThat(SubjectTemplate.DEFAULT.render(JOB, "deploy")).isEqualTo("job:team/app:stage:deploy");
        assertThat(SubjectTemplate.DEFAULT.pattern()).isEqualTo("job:${job}:stage:${stage}");
        assertThat(SubjectTemplate.DEFAULT.fields()).containsExactly("job", "stage");
    }

    @Test
    void everyFieldRendersForEachKindOfBuild() {
        SubjectTemplate template = SubjectTemplate.parse(ALL_FIELDS);

        assertThat(template.fields())
                .containsExactlyElementsOf(List.of("job", "folder", "stage", "ref_type", "branch", "tag", "replay"));
        assertThat(template.render(TOP, "deploy"))
                .as("a job at the top level, outside multibranch: every missing fact written empty")
                .isEqualTo("job:deploy-all:folder::stage:deploy:ref_type::branch::tag::replay:false");
        assertThat(template.render(JOB, "deploy"))
                .isEqualTo("job:team/app:folder:team:stage:deploy:ref_type::branch::tag::replay:false");
        assertThat(template.render(BRANCH, "deploy"))
                .as("a branch job's folder is the multibranch project's folder")
                .isEqualTo("job:team/app/main:folder:team:stage:deploy:ref_type:branch:branch:main:tag::replay:false");
        assertThat(template.render(PR, "deploy"))
                .isEqualTo("job:team/app/PR-7:folder:team:stage:deploy:ref_type:change_request:branch:PR-7:tag:"
                        + ":replay:true");
        assertThat(template.render(TAG, "deploy"))
                .isEqualTo("job:team/app/v1.0:folder:team:stage:deploy:ref_type:tag:branch::tag:v1.0:replay:false");
    }

    @Test
    void fieldsMayComeInAnyOrderTheOrderIsKept() {
        SubjectTemplate template = SubjectTemplate.parse("stage:${stage}:branch:${branch}:job:${job}");

        assertThat(template.render(BRANCH, "deploy")).isEqualTo("stage:deploy:branch:main:job:team/app/main");
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheVocabulary() {
        assertThatThrownBy(() -> SubjectTemplate.parse("job:${job}:stage:${stage}:build:${build}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The sub template names the field 'build', which is not one of job, folder,"
                        + " stage, branch, ref_type, tag, replay.")
                .hasMessageContaining("Write each field as name:${name}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "job:${job}:stage:${stage}:x",
                "job:${job}|stage:${stage}",
                "${job}:${stage}",
                "repo:${job}:stage:${stage}",
                "job:${job}:stage:${stage}:branch:${tag}",
                "job:${job}:stage:deploy",
                "job:${ job }:stage:${stage}",
                "JOB:${job}:stage:${stage}",
                "job:${job}:stage:${stage}:",
                ":job:${job}:stage:${stage}"
            })
    void anythingButNamedFieldsIsRefused(String pattern) {
        assertThatThrownBy(() -> SubjectTemplate.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sub template");
    }

    @Test
    void aFieldWithAnotherFieldsValueSaysHowToWriteIt() {
        assertThatThrownBy(() -> SubjectTemplate.parse("job:${job}:stage:${stage}:branch:${tag}"))
                .hasMessageStartingWith(
                        "In the sub template, field 'branch' must be written branch:${branch}, not" + " branch:${tag}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"job:${job}", "stage:${stage}", "job:${job}:branch:${branch}", "stage:${stage}:folder:${folder}"
            })
    void jobAndStageAreRequired(String pattern) {
        assertThatThrownBy(() -> SubjectTemplate.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The sub template must name job:${job} and stage:${stage}");
    }

    @Test
    void aFieldTwiceIsRefused() {
        assertThatThrownBy(() -> SubjectTemplate.parse("job:${job}:stage:${stage}:job:${job}"))
                .hasMessage("The sub template names the field 'job' twice; name each field once.");
    }

    /** The controller's own subjects start with "jenkins:controller:"; no build template can produce one. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "jenkins:controller:revoker",
                "jenkins:controller:job:${job}:stage:${stage}",
                "jenkins:${job}:stage:${stage}",
                "jenkins:controller:${job}:stage:${stage}"
            })
    void noTemplateCanSpellTheControllersSubject(String pattern) {
        assertThatThrownBy(() -> SubjectTemplate.parse(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyBuildSubStartsWithAFieldNameNeverWithJenkins() {
        SubjectTemplate template = SubjectTemplate.parse(ALL_FIELDS);
        BuildIdentity named = new BuildIdentity("jenkins:controller:revoker", 1, null, "jenkins", null, false, false);

        assertThat(template.render(named, "jenkins:controller:revoker"))
                .startsWith("job:jenkins=3Acontroller=3Arevoker:");
        assertThat(SubjectTemplate.DEFAULT.render(BuildIdentity.ofJob("jenkins", 1, null), "controller"))
                .isEqualTo("job:jenkins:stage:controller");
        assertThat(SubjectTemplate.parse("stage:${stage}:job:${job}")
                        .render(BuildIdentity.ofJob("revoker", 1, null), "jenkins:controller"))
                .as("a stage named like the controller's prefix is encoded")
                .isEqualTo("stage:jenkins=3Acontroller:job:revoker");
    }

    @Test
    void theControllersTemplateRendersItsFixedSubject() {
        assertThat(SubjectTemplate.controller("revoker").render(JOB, "ignored"))
                .isEqualTo("jenkins:controller:revoker");
        assertThat(SubjectTemplate.controller("drift-reader").fields()).isEmpty();
        assertThatThrownBy(() -> SubjectTemplate.controller("Revoker:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("purpose");
    }

    @Test
    void emptyTemplateAndControlCharactersFailAtParse() {
        assertThatThrownBy(() -> SubjectTemplate.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SubjectTemplate.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SubjectTemplate.parse("job:${job}:stage:${stage}\u0007"))
                .hasMessageContaining("U+0007");
    }

    @Test
    void surroundingSpacesAreDropped() {
        assertThat(SubjectTemplate.parse("  job:${job}:stage:${stage}\t").pattern())
                .isEqualTo(SubjectTemplate.DEFAULT_PATTERN);
    }

    @Test
    void anEmptyFactOfABuildThatHasItIsRefusedNotWrittenAsNone() {
        BuildIdentity emptyBranch = new BuildIdentity("team/app/x", 1, null, "", null, false, false);

        assertThatThrownBy(() -> SubjectTemplate.parse("job:${job}:stage:${stage}:branch:${branch}")
                        .render(emptyBranch, "deploy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The branch of team/app/x #1 is empty");
    }

    @Test
    void resultMustBeAtMost255Characters() {
        assertThat(SubjectTemplate.DEFAULT.render(JOB, "s".repeat(255 - 19))).hasSize(255);
        assertThatThrownBy(() -> SubjectTemplate.DEFAULT.render(JOB, "s".repeat(256 - 19)))
                .hasMessageContaining("256 characters");
        assertThatThrownBy(() -> SubjectTemplate.parse(ALL_FIELDS).render(JOB, "s".repeat(200)))
                .as("a template with many fields says fields can be dropped")
                .hasMessageContaining("drops fields from the sub template");
    }

    @Test
    void controlCharactersFromBuildValuesAreEncoded() {
        assertThat(SubjectTemplate.DEFAULT.render(BuildIdentity.ofJob("a\u0007b\nc", 1, null), "deploy"))
                .isEqualTo("job:a=07b=0Ac:stage:deploy");
    }

    /** The example of the security review: two builds that gave one sub before names were encoded. */
    @Test
    void separatorsInNamesCannotMakeTwoBuildsLookAlike() {
        SubjectTemplate template = SubjectTemplate.parse("job:${job}:branch:${branch}:stage:${stage}");
        BuildIdentity first = new BuildIdentity("team/app/x:branch:y", 1, null, "z", null, false, false);
        BuildIdentity second = new BuildIdentity("team/app/x", 1, null, "y:branch:z", null, false, false);

        String a = template.render(first, "deploy");
        String b = template.render(second, "deploy");

        assertThat(a).isEqualTo("job:team/app/x=3Abranch=3Ay:branch:z:stage:deploy");
        assertThat(b).isEqualTo("job:team/app/x:branch:y=3Abranch=3Az:stage:deploy");
        assertThat(a).isNotEqualTo(b);
    }

    /** A branch named like a field cannot pass for another kind of build: names never write a ':'. */
    @Test
    void noNameCanSpellAnotherField() {
        SubjectTemplate template = SubjectTemplate.parse(ALL_FIELDS);
        Map<String, BuildIdentity> seen = new HashMap<>();
        List<BuildIdentity> builds = List.of(
                TOP,
                JOB,
                BRANCH,
                PR,
                TAG,
                new BuildIdentity("team/app/main", 3, null, "main:tag:v1.0", null, false, false),
                new BuildIdentity("team/app/v1.0", 5, null, "tag:v1.0", null, false, false),
                BuildIdentity.ofTag("team/app/main", 5, null, "main", false),
                new BuildIdentity("team/app/main", 3, null, "main", null, false, true));
        for (BuildIdentity build : builds) {
            String sub = template.render(build, "deploy");
            assertThat(sub.chars().filter(c -> c == ':').count()).as(sub).isEqualTo(13);
            BuildIdentity earlier = seen.putIfAbsent(sub, build);
            assertThat(earlier).as("%s and %s share %s", earlier, build, sub).isNull();
        }
    }

    @Test
    void todaysCommonSubjectsAreUnchanged() {
        assertThat(SubjectTemplate.DEFAULT.render(BuildIdentity.ofJob("team/app/main", 1, null), "deploy"))
                .isEqualTo("job:team/app/main:stage:deploy");
        assertThat(SubjectTemplate.DEFAULT.render(
                        BuildIdentity.ofJob("Team A/my-app_2.0 build@home+x", 1, null), "d.1"))
                .isEqualTo("job:Team A/my-app_2.0 build@home+x:stage:d.1");
    }

    @Test
    void aMultibranchBranchJobIsEncodedWithItsPercentSign() {
        assertThat(SubjectTemplate.DEFAULT.render(BuildIdentity.ofJob("team/app/feature%2Flogin", 1, null), "deploy"))
                .isEqualTo("job:team/app/feature=252Flogin:stage:deploy");
    }

    @Test
    void aSubThatNoLongerFitsOnceEncodedIsRefusedNotCut() {
        // 80 characters that each take 3 once encoded: 240, plus "job:" and ":stage:deploy".
        String job = "team/" + ":".repeat(80);

        assertThatThrownBy(() -> SubjectTemplate.DEFAULT.render(BuildIdentity.ofJob(job, 1, null), "deploy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The sub of job '" + job + "' for stage 'deploy' has 262 characters once its"
                        + " names are encoded; AWS accepts 255 at most")
                .hasMessageContaining("Shorten the job's full name");
        assertThat(SubjectTemplate.DEFAULT.render(BuildIdentity.ofJob("team/" + ":".repeat(77), 1, null), "deploy"))
                .hasSize(4 + 5 + 77 * 3 + 13);
    }
}
