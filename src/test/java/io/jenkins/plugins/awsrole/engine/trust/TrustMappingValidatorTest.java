package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustMappingValidatorTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/deploy";
    private static final String GOOD_POLICY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::site/*\"}]}";

    private static TrustMapping.Builder good() {
        return TrustMapping.builder().stage("deploy").roleArn(ROLE).jobs("team/app/*");
    }

    @Test
    void aGoodMappingHasNoProblem() {
        TrustMapping mapping = good().region("eu-west-1")
                .sessionPolicy(GOOD_POLICY)
                .managedPolicyArns(List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"))
                .branches("main", "release/*")
                .tags("v*")
                .build();
        assertThat(TrustMappingValidator.validate(mapping).isClean()).isTrue();
    }

    @Test
    void defaults() {
        TrustMapping mapping = TrustMapping.builder().build();
        assertThat(mapping.sessionDurationSeconds()).isEqualTo(3600);
        assertThat(mapping.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(mapping.region()).isNull();
        assertThat(mapping.sessionPolicy()).isNull();
        assertThat(mapping.packedSessionPolicy()).isNull();
        assertThat(mapping.managedPolicyArns()).isEmpty();
        assertThat(mapping.jobs()).isEmpty();
        assertThat(mapping.branches()).isEmpty();
        assertThat(mapping.tags()).as("no tag may use a stage unless listed").isEmpty();
        assertThat(mapping.changeRequestsAllowed()).isFalse();
        assertThat(mapping.forkChangeRequestsAllowed()).isFalse();
        assertThat(mapping.replaysAllowed()).isFalse();
        assertThat(mapping.sessionTags()).isFalse();
        assertThat(mapping.sourceIdentity()).isFalse();
        assertThat(mapping.revocation()).isFalse();
        TrustMapping blanks =
                good().region("  ").audience(" ").sessionPolicy("\n").build();
        assertThat(blanks.region()).isNull();
        assertThat(blanks.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(blanks.sessionPolicy()).isNull();
    }

    @Test
    void isImmutableAndCopiesThroughItsBuilder() {
        List<String> jobs = new ArrayList<>(List.of("a/*"));
        TrustMapping mapping = good().jobs(jobs).build();
        jobs.add("b/*");
        assertThat(mapping.jobs()).containsExactly("a/*");
        assertThat(mapping.toBuilder().build()).isEqualTo(mapping);
        assertThat(mapping.toBuilder().stage("other").build().stage()).isEqualTo("other");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapping.jobs().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reportsEveryProblemAtOnceWithStageAndField() {
        TrustMapping bad = TrustMapping.builder()
                .stage("deploy")
                .roleArn("deploy")
                .region("US-EAST-1")
                .sessionDurationSeconds(60)
                .sessionPolicy("{")
                .managedPolicyArns(List.of("ReadOnlyAccess"))
                .audience("sts amazonaws")
                .jobs(List.of())
                .branches("/main")
                .build();
        Validation validation = TrustMappingValidator.validate(bad);
        assertThat(validation.errors())
                .extracting(Problem::field)
                .containsExactly(
                        MappingField.ROLE_ARN,
                        MappingField.REGION,
                        MappingField.SESSION_DURATION,
                        MappingField.SESSION_POLICY,
                        MappingField.MANAGED_POLICY_ARNS,
                        MappingField.AUDIENCE,
                        MappingField.JOBS,
                        MappingField.BRANCHES);
        assertThat(validation.errors()).allSatisfy(p -> assertThat(p.stage()).isEqualTo("deploy"));
        assertThat(validation.summary())
                .contains("ERROR Stage 'deploy', roleArn: 'deploy' is not an ARN")
                .contains("ERROR Stage 'deploy', jobs: No job may use this stage");
        assertThat(validation.forField(MappingField.REGION))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("lower case: 'us-east-1'"));
    }

    @ParameterizedTest(name = "stage ''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|needs a name",
                "-deploy|must start with a letter",
                "_deploy|must start with a letter",
                "éd|must start with a letter",
                "deploy prod|contains ' '",
                "deploy/prod|contains '/'",
                "dépl|contains 'é'",
            })
    void refusesBadStageNames(String stage, String expected) {
        assertThat(TrustMappingValidator.checkStage(stage).errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains(expected));
    }

    @Test
    void stageNameLengthAndCharacters() {
        assertThat(TrustMappingValidator.checkStage("a" + "b".repeat(63)).isClean())
                .isTrue();
        assertThat(TrustMappingValidator.checkStage("a" + "b".repeat(64)).errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("65 characters; 64 at most"));
        assertThat(TrustMappingValidator.checkStage("Deploy-2.prod_eu").isClean())
                .isTrue();
        assertThat(TrustMappingValidator.checkStage("9").isClean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "us-east-1",
                "eu-west-2",
                "ap-southeast-7",
                "cn-north-1",
                "us-gov-west-1",
                "us-iso-east-1",
                "us-isob-east-1",
                "eu-isoe-west-1",
                "us-isof-south-1",
                "eusc-de-east-1",
                "mx-central-1"
            })
    void acceptsRegionsOfEveryShape(String region) {
        String partition = AwsPartition.ofRegion(region).id();
        String role = "arn:" + partition + ":iam::123456789012:role/deploy";
        assertThat(TrustMappingValidator.checkRegion(region, role).isClean()).isTrue();
    }

    @ParameterizedTest(name = "region ''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "us-east-1a|availability zone. Give its region: 'us-east-1'",
                "US-EAST-1|lower case: 'us-east-1'",
                "us-east|not a region name",
                "useast1|not a region name",
                "virginia|not a region name",
                "us_east_1|not a region name",
            })
    void refusesWhatIsNoRegion(String region, String expected) {
        assertThat(TrustMappingValidator.checkRegion(region, ROLE).errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains(expected));
    }

    @Test
    void warnsWhenRegionAndRoleAreInDifferentPartitions() {
        Validation validation = TrustMappingValidator.checkRegion("cn-north-1", ROLE);
        assertThat(validation.hasErrors()).isFalse();
        assertThat(validation.warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'aws-cn'").contains("in 'aws'"));
        assertThat(TrustMappingValidator.checkRegion(null, ROLE).isClean()).isTrue();
        assertThat(TrustMappingValidator.checkRegion("us-east-1", "broken").isClean())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({"899, true", "900, false", "3600, false", "43200, false", "43201, true", "0, true", "-1, true"})
    void sessionDurationRange(int seconds, boolean error) {
        Validation validation = TrustMappingValidator.checkSessionDuration(seconds);
        assertThat(validation.hasErrors()).isEqualTo(error);
        if (error) {
            assertThat(validation.errors().get(0).message()).contains("900").contains("43200");
        }
    }

    @Test
    void warnsAboveTheRolesDefaultMaximum() {
        assertThat(TrustMappingValidator.checkSessionDuration(3600).isClean()).isTrue();
        assertThat(TrustMappingValidator.checkSessionDuration(3601).warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("maximum session duration"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"Statement\": []|not valid JSON. Line 1, column 17 (end of text)",
                "[]|must be a JSON object",
                "\"policy\"|not a string",
                "{\"Version\": \"2012-10-17\"}|no \"Statement\"",
                "{\"Statement\": [], \"Statement\": []}|appears twice",
            })
    void refusesBadSessionPolicies(String policy, String expected) {
        assertThat(TrustMappingValidator.checkSessionPolicy(policy).errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains(expected));
    }

    @Test
    void sessionPolicyLimitCountsPackedCharacters() {
        String statementStart = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"";
        String statementEnd = "\"}]}";
        int room = 2048 - statementStart.length() - statementEnd.length();
        String exactly2048 = statementStart + "r".repeat(room) + statementEnd;
        assertThat(exactly2048).hasSize(2048);
        String spacious = exactly2048.replace("\",\"", "\" ,\n    \"").replace("\":", "\" : ");
        assertThat(spacious.length()).isGreaterThan(2048);
        assertThat(TrustMappingValidator.checkSessionPolicy(spacious).isClean()).isTrue();
        assertThat(good().sessionPolicy(spacious).build().packedSessionPolicy()).isEqualTo(exactly2048);

        String tooLong = statementStart + "r".repeat(room + 1) + statementEnd;
        assertThat(TrustMappingValidator.checkSessionPolicy(tooLong).errors())
                .singleElement()
                .satisfies(
                        p -> assertThat(p.message()).contains("2049 characters").contains("2048 at most"));
    }

    @Test
    void spacesInsideStringsCount() {
        String policy = "{\"Statement\": [], \"Sid\": \"" + " ".repeat(2100) + "\"}";
        assertThat(TrustMappingValidator.checkSessionPolicy(policy).hasErrors()).isTrue();
    }

    @Test
    void refusesCharactersStsDoesNotAccept() {
        String policy = "{\"Statement\": [], \"Sid\": \"中\"}";
        assertThat(TrustMappingValidator.checkSessionPolicy(policy).errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'中'").contains("U+00FF"));
        assertThat(TrustMappingValidator.checkSessionPolicy("{\"Statement\": [], \"Sid\": \"\\u4e2d é\"}")
                        .isClean())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:s3:::b\"}]}"
                        + "|\"Action\": \"*\"",
                "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:Get*\", \"*\"], \"Resource\": \"x\"}]}"
                        + "|\"Action\": \"*\"",
                "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}}"
                        + "|\"Resource\": \"*\"",
                "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": [\"*\"]}]}"
                        + "|\"Resource\": \"*\"",
            })
    void warnsOnWildcards(String policy, String expected) {
        Validation validation = TrustMappingValidator.checkSessionPolicy(policy);
        assertThat(validation.hasErrors()).isFalse();
        assertThat(validation.warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains(expected).contains("narrows nothing"));
    }

    @Test
    void noWarningForNarrowWildcards() {
        String policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\":"
                + " \"arn:aws:s3:::b/*\"}]}";
        assertThat(TrustMappingValidator.checkSessionPolicy(policy).isClean()).isTrue();
        assertThat(TrustMappingValidator.checkSessionPolicy(null).isClean()).isTrue();
    }

    @Test
    void managedPolicies() {
        assertThat(TrustMappingValidator.checkManagedPolicyArns(
                                List.of(
                                        "arn:aws:iam::aws:policy/ReadOnlyAccess",
                                        "arn:aws:iam::123456789012:policy/ci/deploy-site"),
                                ROLE)
                        .isClean())
                .isTrue();
        List<String> eleven = Collections.nCopies(11, "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(TrustMappingValidator.checkManagedPolicyArns(eleven, ROLE).errors())
                .singleElement()
                .satisfies(p ->
                        assertThat(p.message()).contains("11 managed policies").contains("10 at most"));
        assertThat(TrustMappingValidator.checkManagedPolicyArns(
                                List.of("arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/A"), ROLE)
                        .warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("listed twice"));
        assertThat(TrustMappingValidator.checkManagedPolicyArns(List.of("arn:aws:iam::210987654321:policy/other"), ROLE)
                        .errors())
                .singleElement()
                .satisfies(p ->
                        assertThat(p.message()).contains("account 210987654321").contains("123456789012"));
        assertThat(TrustMappingValidator.checkManagedPolicyArns(
                                List.of("arn:aws-cn:iam::aws:policy/ReadOnlyAccess"), ROLE)
                        .errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("partition 'aws-cn'"));
        assertThat(TrustMappingValidator.checkManagedPolicyArns(List.of("arn:aws:iam::aws:role/x"), ROLE)
                        .errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a policy"));
    }

    @Test
    void warnsWhenInlineAndManagedPoliciesTogetherExceedTheLimit() {
        String policy = "{\"Statement\":[],\"Sid\":\"" + "s".repeat(1900) + "\"}";
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            arns.add("arn:aws:iam::123456789012:policy/policy-number-" + i);
        }
        Validation validation = TrustMappingValidator.validate(
                good().sessionPolicy(policy).managedPolicyArns(arns).build());
        assertThat(validation.hasErrors()).isFalse();
        assertThat(validation.warnings()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(MappingField.MANAGED_POLICY_ARNS);
            assertThat(p.message()).contains("PackedPolicyTooLarge");
        });
    }

    @Test
    void audience() {
        assertThat(TrustMappingValidator.checkAudience("sts.amazonaws.com").isClean())
                .isTrue();
        assertThat(TrustMappingValidator.checkAudience(null).isClean()).isTrue();
        assertThat(TrustMappingValidator.checkAudience("a".repeat(255)).isClean())
                .isTrue();
        assertThat(TrustMappingValidator.checkAudience("a".repeat(256)).errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("256 characters"));
        assertThat(TrustMappingValidator.checkAudience("sts .amazonaws.com").errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("space"));
    }

    @Test
    void jobs() {
        assertThat(TrustMappingValidator.checkJobs(List.of()).errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("No job may use this stage"));
        assertThat(TrustMappingValidator.checkJobs(null).hasErrors()).isTrue();
        assertThat(TrustMappingValidator.checkJobs(List.of("team/**", "")).errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must not be empty"));
        assertThat(TrustMappingValidator.checkJobs(List.of("**")).warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("every job"));
        assertThat(TrustMappingValidator.checkJobs(List.of("a/*", "a/*")).warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("listed twice"));
    }

    @Test
    void branches() {
        assertThat(TrustMappingValidator.checkBranches(List.of()).isClean()).isTrue();
        assertThat(TrustMappingValidator.checkBranches(List.of("main", "release/**"))
                        .isClean())
                .isTrue();
        assertThat(TrustMappingValidator.checkBranches(List.of("main ", "feature//x"))
                        .errors())
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.field()).isEqualTo(MappingField.BRANCHES));
    }

    @Test
    void tags() {
        assertThat(TrustMappingValidator.checkTags(List.of(), List.of()).isClean())
                .isTrue();
        assertThat(TrustMappingValidator.checkTags(List.of("v*", "release/**"), List.of("main"))
                        .isClean())
                .isTrue();
        assertThat(TrustMappingValidator.checkTags(List.of("v* ", "/v1", "v*"), List.of("main"))
                        .problems())
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.field()).isEqualTo(MappingField.TAGS))
                .allSatisfy(p -> assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR));
        assertThat(TrustMappingValidator.checkTags(List.of("v*", "v*"), List.of("main"))
                        .warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("listed twice"));
        assertThat(TrustMappingValidator.checkTags(List.of("v*"), List.of()).warnings())
                .singleElement()
                .satisfies(
                        p -> assertThat(p.message()).contains("Tags are listed but branches are not, so every branch"));
        assertThat(TrustMappingValidator.validate(good().tags("v*").build()).warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo(MappingField.TAGS))
                .satisfies(p -> assertThat(p.stage()).isEqualTo("deploy"));
    }

    @Test
    void changeRequestSwitches() {
        assertThat(TrustMappingValidator.checkChangeRequests(false, false).isClean())
                .isTrue();
        assertThat(TrustMappingValidator.checkChangeRequests(true, false).isClean())
                .isTrue();
        assertThat(TrustMappingValidator.checkChangeRequests(false, true).warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no change request can use"));
        assertThat(TrustMappingValidator.checkChangeRequests(true, true).warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("whoever can open a pull request"));
    }

    @Test
    void problemsDescribeThemselves() {
        Problem problem = TrustMappingValidator.checkRoleArn("x").errors().get(0);
        assertThat(problem.stage()).isNull();
        assertThat(problem.describe()).startsWith("roleArn: ");
        assertThat(problem.inStage("deploy").describe()).startsWith("Stage 'deploy', roleArn: ");
        assertThat(Validation.ok().summary()).isEmpty();
        assertThat(Validation.ok().and(TrustMappingValidator.checkRoleArn("x")).hasErrors())
                .isTrue();
        assertThat(MappingField.SESSION_DURATION.formName()).isEqualTo("sessionDurationSeconds");
    }
}
