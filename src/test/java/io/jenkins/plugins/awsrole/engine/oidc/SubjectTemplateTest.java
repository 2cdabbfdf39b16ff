package io.jenkins.plugins.awsrole.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectTemplateTest {

    private static final BuildIdentity JOB = BuildIdentity.ofJob("team/app", 42, null);
    private static final BuildIdentity PR = new BuildIdentity("team/app/PR-7", 3, null, "PR-7", "7", true, false);

    @Test
    void defaultTemplateNamesJobAndStage() {
        assertThat(SubjectTemplate.DEFAULT.render(JOB, "deploy")).isEqualTo("job:team/app:stage:deploy");
        assertThat(SubjectTemplate.DEFAULT.pattern()).isEqualTo("job:${job}:stage:${stage}");
    }

    @Test
    void everyVariableRenders() {
        SubjectTemplate template = SubjectTemplate.parse("${job}|${stage}|${build}|${branch}|${change_id}|${job}");

        assertThat(template.render(PR, "test")).isEqualTo("team/app/PR-7|test|3|PR-7|7|team/app/PR-7");
        assertThat(template.variables()).containsExactly("job", "stage", "build", "branch", "change_id");
    }

    @Test
    void dollarWithoutBraceIsLiteral() {
        assertThat(SubjectTemplate.parse("cost$:${stage}$").render(JOB, "deploy"))
                .isEqualTo("cost$:deploy$");
    }

    @Test
    void unknownVariableFailsAtParseNamingTheKnownOnes() {
        assertThatThrownBy(() -> SubjectTemplate.parse("job:${jobname}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The sub template uses the unknown variable ${jobname}; known variables: job, stage,"
                        + " build, branch, change_id, tag, ref_type.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"job:${job", "${}", "${ job }", "${JOB}"})
    void malformedVariablesFailAtParse(String pattern) {
        assertThatThrownBy(() -> SubjectTemplate.parse(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unclosedVariableSaysWhere() {
        assertThatThrownBy(() -> SubjectTemplate.parse("job:${job"))
                .hasMessage("The sub template has an unclosed '${' at position 4: close it with '}'.");
    }

    @Test
    void emptyTemplateAndControlCharactersFailAtParse() {
        assertThatThrownBy(() -> SubjectTemplate.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SubjectTemplate.parse("job:${job}\n")).hasMessageContaining("U+000A");
    }

    @Test
    void fixedTextLongerThanAwsAllowsFailsAtParse() {
        assertThatThrownBy(() -> SubjectTemplate.parse("x".repeat(256) + "${job}"))
                .hasMessageContaining("256 characters");
    }

    @Test
    void variableWithoutValueFailsAtRenderNamingIt() {
        SubjectTemplate template = SubjectTemplate.parse("repo:${job}:branch:${branch}");

        assertThatThrownBy(() -> template.render(JOB, "deploy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The sub template uses ${branch}, which has no value for team/app #42 (only branch and"
                        + " change request builds of multibranch projects have a branch). Use a template without it"
                        + " for this mapping.");
        assertThatThrownBy(() -> template.render(BuildIdentity.ofTag("team/app/v1", 1, null, "v1", false), "deploy"))
                .as("a tag build has no branch, so a branch subject can never name a tag")
                .hasMessageContaining("${branch}, which has no value for team/app/v1 #1");
        assertThatThrownBy(() -> SubjectTemplate.parse("job:${job}:tag:${tag}").render(JOB, "deploy"))
                .hasMessageContaining("only tag builds of multibranch projects have one");
        assertThatThrownBy(() -> SubjectTemplate.parse("${change_id}:xxxxx").render(JOB, "deploy"))
                .hasMessageContaining("${change_id}");
    }

    @Test
    void resultMustBeSixTo255Characters() {
        SubjectTemplate stageOnly = SubjectTemplate.parse("${stage}");

        assertThat(stageOnly.render(JOB, "sixsix")).isEqualTo("sixsix");
        assertThatThrownBy(() -> stageOnly.render(JOB, "five5"))
                .hasMessage("The sub rendered from ${stage} has 5 characters; AWS needs 6 to 255.");
        assertThat(stageOnly.render(JOB, "s".repeat(255))).hasSize(255);
        assertThatThrownBy(() -> stageOnly.render(JOB, "s".repeat(256))).hasMessageContaining("256 characters");
    }

    @Test
    void lengthCountsTheTemplatesOwnTextInCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE80"; // one character, two UTF-16 units
        assertThat(SubjectTemplate.parse(emoji.repeat(249) + "${stage}").render(JOB, "deploy"))
                .hasSize(249 * 2 + 6);
    }

    @Test
    void controlCharactersFromBuildValuesAreEncoded() {
        assertThat(SubjectTemplate.DEFAULT.render(BuildIdentity.ofJob("a\u0007b\nc", 1, null), "deploy"))
                .isEqualTo("job:a=07b=0Ac:stage:deploy");
    }

    @Test
    void controlCharactersOfTheTemplateItselfFailAtParse() {
        assertThatThrownBy(() -> SubjectTemplate.parse("job:${job}\u0007")).hasMessageContaining("U+0007");
    }

    /** The example of the security review: two builds that gave one sub before names were encoded. */
    @Test
    void separatorsInNamesCannotMakeTwoBuildsLookAlike() {
        SubjectTemplate template = SubjectTemplate.parse("job:${job}:branch:${branch}");
        BuildIdentity first = new BuildIdentity("team/app/x:branch:y", 1, null, "z", null, false, false);
        BuildIdentity second = new BuildIdentity("team/app/x", 1, null, "y:branch:z", null, false, false);

        String a = template.render(first, "deploy");
        String b = template.render(second, "deploy");

        assertThat(a).isEqualTo("job:team/app/x=3Abranch=3Ay:branch:z");
        assertThat(b).isEqualTo("job:team/app/x:branch:y=3Abranch=3Az");
        assertThat(a).isNotEqualTo(b);
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
