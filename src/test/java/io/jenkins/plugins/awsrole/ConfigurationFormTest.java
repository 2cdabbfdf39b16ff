package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Descriptor.FormException;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import io.jenkins.plugins.awsrole.engine.trust.FolderLimits;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * A submission of the configuration page, read from the JSON that the page's JavaScript sends: an emptied number
 * field arrives as {@code ""}, and an emptied session duration of a mapping too. Nothing is applied here; {@link
 * ConfigurationForm} only turns the submission into the whole state it asks for, or refuses it on a field. The live
 * form is {@code ConfigurationChangesJenkinsTest}'s.
 */
class ConfigurationFormTest {

    private static final String DEPLOY = "arn:aws:iam::123456789012:role/deploy";
    private static final String REVOKER = "arn:aws:iam::123456789012:role/jenkins-revoker";

    /** Today's configuration: one mapping, every number set away from its default. */
    private static final ConfigurationState CURRENT = new ConfigurationState(
            null,
            SigningAlgorithm.RS256,
            900,
            7,
            null,
            null,
            null,
            null,
            null,
            false,
            List.of(mapping("deploy", DEPLOY)),
            null,
            List.of(),
            10,
            500,
            null,
            List.of("arn:aws:iam::111122223333:role/team-*"),
            List.of(),
            1800);

    @Test
    void emptiedNumberFieldsMeanTheirDefaultsAndNothingElseIsLost() throws FormException {
        JSONObject form = page();
        form.put("tokenLifetimeSeconds", "");
        form.put("keyRotationDays", "");
        form.put("refreshMinutes", "");
        form.put("auditRetention", "");

        ConfigurationState next = read(form);

        assertThat(next.tokenLifetimeSeconds()).isEqualTo(300);
        assertThat(next.keyRotationDays()).as("empty is 30 days, not 0 (off)").isEqualTo(30);
        assertThat(next.refreshMinutes()).isEqualTo(5);
        assertThat(next.auditRetention()).isEqualTo(AuditLog.DEFAULT_RETENTION);
        assertThat(next.mappings()).extracting(AwsRoleMapping::getStage).containsExactly("deploy");
        assertThat(next.revocationRoleArn()).isEqualTo(REVOKER);
        assertThat(next.defaultRegion()).isEqualTo("eu-west-1");
    }

    @Test
    void anEmptiedSessionDurationIsTheDefaultNotZero() throws FormException {
        ConfigurationState next = read(page());

        AwsRoleMapping deploy = next.mappings().get(0);
        assertThat(deploy.getSessionDurationSeconds()).isNull();
        assertThat(deploy.toTrustMapping().sessionDurationSeconds())
                .isEqualTo(TrustMapping.DEFAULT_SESSION_DURATION_SECONDS);
    }

    @Test
    void aNumberFieldWithTextIsRefusedOnItsField() {
        JSONObject form = page();
        form.put("tokenLifetimeSeconds", "five minutes");

        assertThatThrownBy(() -> read(form))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("'five minutes' is not a whole number")
                .extracting(e -> ((FormException) e).getFormField())
                .isEqualTo("tokenLifetimeSeconds");
    }

    @Test
    void aNumberOutOfRangeIsRefusedOnItsField() {
        JSONObject form = page();
        form.put("refreshMinutes", "0");

        assertThatThrownBy(() -> read(form))
                .isInstanceOf(FormException.class)
                .hasMessage("The refresh threshold must be between 1 and 60 minutes; it is 0.")
                .extracting(e -> ((FormException) e).getFormField())
                .isEqualTo("refreshMinutes");
    }

    @Test
    void aSessionDurationWithTextIsRefusedWithAMessageNotAConversionError() {
        JSONObject form = page();
        form.getJSONObject("mappings").put("sessionDurationSeconds", "1h");

        assertThatThrownBy(() -> read(form))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("'1h'")
                .extracting(e -> ((FormException) e).getFormField())
                .isEqualTo("mappings");
    }

    @Test
    void aRoleMovedFromAMappingToTheRevocationRoleInOneSubmissionIsAccepted() throws FormException {
        ConfigurationState current = CURRENT.withMappings(List.of(mapping("deploy", REVOKER)));
        JSONObject form = page(); // maps deploy to DEPLOY and makes REVOKER the revocation role

        ConfigurationState next = ConfigurationForm.read(form, current, ConfigurationFormTest::bind);

        assertThat(next.revocationRoleArn()).isEqualTo(REVOKER);
        assertThat(next.mappings().get(0).getRoleArn()).isEqualTo(DEPLOY);
    }

    @Test
    void aRoleThatIsBothMappedAndReservedIsRefusedOnTheMappings() {
        JSONObject form = page();
        form.getJSONObject("mappings").put("roleArn", REVOKER);

        assertThatThrownBy(() -> read(form))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("no build may have it")
                .extracting(e -> ((FormException) e).getFormField())
                .isEqualTo("mappings");
    }

    @Test
    void anEmptySubjectTemplateIsTheDefaultAndATemplateIsKeptAsTyped() throws FormException {
        assertThat(read(page()).subjectTemplate()).isNull();

        JSONObject form = page();
        form.put("subjectTemplate", " job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch} ");

        assertThat(read(form).subjectTemplate())
                .isEqualTo("job:${job}:stage:${stage}:ref_type:${ref_type}:branch:${branch}");
    }

    @Test
    void aSubjectTemplateWithoutTheStageIsRefusedOnItsField() {
        JSONObject form = page();
        form.put("subjectTemplate", "job:${job}:branch:${branch}");

        assertThatThrownBy(() -> read(form))
                .isInstanceOf(FormException.class)
                .hasMessageStartingWith("The sub template must name job:${job} and stage:${stage}")
                .extracting(e -> ((FormException) e).getFormField())
                .isEqualTo("subjectTemplate");
    }

    @Test
    void aSubjectTemplateThatSpellsTheControllersSubjectIsRefusedOnItsField() {
        JSONObject form = page();
        form.put("subjectTemplate", "jenkins:controller:job:${job}:stage:${stage}");

        assertThatThrownBy(() -> read(form))
                .isInstanceOf(FormException.class)
                .extracting(e -> ((FormException) e).getFormField())
                .isEqualTo("subjectTemplate");
    }

    @Test
    void theFolderLimitsAreReadOneALineAndAnEmptiedLongestSessionIsItsDefault() throws FormException {
        JSONObject form = page();
        form.put("folderRoleArns", "arn:aws:iam::111122223333:role/team-*\n\n arn:aws:iam::111122223333:role/ci/?x \n");
        form.put("folderAccounts", "444455556666");
        form.put("folderMaxSessionSeconds", "");

        ConfigurationState next = read(form);

        assertThat(next.folderRoleArns())
                .containsExactly("arn:aws:iam::111122223333:role/team-*", "arn:aws:iam::111122223333:role/ci/?x");
        assertThat(next.folderAccounts()).containsExactly("444455556666");
        assertThat(next.folderMaxSessionSeconds()).isEqualTo(FolderLimits.DEFAULT_MAX_SESSION_SECONDS);
    }

    @Test
    void absentFolderLimitsMeanNoneWhatEverTheCurrentOnesAre() throws FormException {
        ConfigurationState next = read(page());

        assertThat(next.folderRoleArns()).as("cleared on the page: absent").isEmpty();
        assertThat(next.folderAccounts()).isEmpty();
    }

    @Test
    void aFolderRoleArnPatternWithAWildcardAccountIsRefusedOnItsField() {
        JSONObject form = page();
        form.put("folderRoleArns", "arn:aws:iam::*:role/team-*");

        assertThatThrownBy(() -> read(form))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("Folder limits: Role ARN pattern 'arn:aws:iam::*:role/team-*' is not a role ARN")
                .extracting(e -> ((FormException) e).getFormField())
                .isEqualTo("folderRoleArns");
    }

    @Test
    void aFolderAccountThatIsNotAnAccountIdIsRefusedOnItsField() {
        JSONObject form = page();
        form.put("folderAccounts", "1111-2222-3333");

        assertThatThrownBy(() -> read(form))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("'1111-2222-3333' is not a 12-digit AWS account id")
                .extracting(e -> ((FormException) e).getFormField())
                .isEqualTo("folderAccounts");
    }

    @Test
    void aLongestFolderSessionOutOfRangeIsRefusedOnItsField() {
        JSONObject form = page();
        form.put("folderMaxSessionSeconds", "50000");

        assertThatThrownBy(() -> read(form))
                .isInstanceOf(FormException.class)
                .hasMessage("Folder limits: The longest session of a folder mapping must be 900 to 43200 seconds,"
                        + " not 50000.")
                .extracting(e -> ((FormException) e).getFormField())
                .isEqualTo("folderMaxSessionSeconds");
    }

    @Test
    void aDeletedLastMappingIsAbsentAndMeansNoMappings() throws FormException {
        JSONObject form = page();
        form.remove("mappings");

        assertThat(read(form).mappings()).isEmpty();
    }

    /** The page as the browser submits it: every field present, numbers as text, one mapping. */
    private static JSONObject page() {
        JSONObject mapping = new JSONObject();
        mapping.put("stage", "deploy");
        mapping.put("roleArn", DEPLOY);
        mapping.put("jobs", "team/app/*");
        mapping.put("sessionDurationSeconds", "");
        JSONObject form = new JSONObject();
        form.put("issuerUrl", "");
        form.put("signingAlgorithm", "RS256");
        form.put("tokenLifetimeSeconds", "600");
        form.put("keyRotationDays", "14");
        form.put("defaultRegion", "eu-west-1");
        form.put("stsEndpoint", "");
        form.put("refreshMinutes", "5");
        form.put("auditRetention", "10000");
        form.put("revocationRoleArn", REVOKER);
        form.put("driftReaderRoleArn", "");
        form.put("subjectTemplate", "");
        form.put("mappings", mapping);
        return form;
    }

    private static ConfigurationState read(JSONObject form) throws FormException {
        return ConfigurationForm.read(form, CURRENT, ConfigurationFormTest::bind);
    }

    /** What Stapler's binding makes of the fields these tests send. */
    private static List<AwsRoleMapping> bind(Object mappings) {
        List<JSONObject> objects = new ArrayList<>();
        if (mappings instanceof JSONObject one) {
            objects.add(one);
        } else if (mappings instanceof JSONArray many) {
            many.forEach(o -> objects.add((JSONObject) o));
        }
        List<AwsRoleMapping> bound = new ArrayList<>();
        for (JSONObject o : objects) {
            AwsRoleMapping m = mapping(o.getString("stage"), o.getString("roleArn"));
            m.setJobs(o.optString("jobs", "**"));
            if (o.has("sessionDurationSeconds")) {
                m.setSessionDurationSeconds(o.getInt("sessionDurationSeconds"));
            }
            bound.add(m);
        }
        return bound;
    }

    private static AwsRoleMapping mapping(String stage, String roleArn) {
        AwsRoleMapping mapping = new AwsRoleMapping(stage, roleArn);
        mapping.setJobs("**");
        return mapping;
    }
}
