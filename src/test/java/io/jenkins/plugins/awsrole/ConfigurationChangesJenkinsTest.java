package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.BulkChange;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.oidc.SigningAlgorithm;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A change of the configuration is all or nothing, through the real page and through the bulk changes JCasC makes:
 *
 * <ul>
 *   <li>the page: an emptied number field means its default, a bad one is refused on its field, and a refused
 *       submission leaves every setting as it was, in memory and on disk;
 *   <li>JCasC sets attributes in no fixed order (its attributes are a {@code HashSet}), inside one {@link BulkChange}:
 *       every order of the same changes ends the same, and a whole that is refused at the commit is put back.
 * </ul>
 */
@WithJenkins
class ConfigurationChangesJenkinsTest {

    private static final String DEPLOY = "arn:aws:iam::123456789012:role/deploy";
    private static final String BUILD = "arn:aws:iam::123456789012:role/build";
    private static final String REVOKER = "arn:aws:iam::123456789012:role/jenkins-revoker";
    private static final String READER = "arn:aws:iam::123456789012:role/jenkins-drift-reader";

    /** A throwaway EC P-256 key (base64 PKCS#8), as ConfigurationAsCodeJenkinsTest's YAML supplies it. */
    private static final String EC_KEY =
            "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgisj81tOyxsrrBjdHoV30AE/pv8Xt4q9Ta4W5DlgEyBuhRANCAATrBAaAVZ1Yu8"
                    + "UWqqan2Af0+7EUdUJCahPQQtL8nW00mt5gSAS6f5nFR4KtAkWdkASKbD2O7nBHcymMnW2xRHWd";

    private JenkinsRule r;
    private AwsRoleConfiguration config;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        config = AwsRoleConfiguration.get();
    }

    @Test
    void emptyingANumberFieldOnThePageKeepsEveryMappingAndRole() throws Exception {
        config.setMappings(List.of(mapping("deploy", DEPLOY), mapping("build", BUILD)));
        config.setRevocationRoleArn(REVOKER);
        config.setDriftReaderRoleArn(READER);
        config.setTokenLifetimeSeconds(900);
        config.setKeyRotationDays(7);

        HtmlForm form = r.createWebClient().goTo("manage/configure").getFormByName("config");
        form.getInputByName("_.tokenLifetimeSeconds").setValue("");
        form.getInputByName("_.keyRotationDays").setValue("");
        r.submit(form);

        for (AwsRoleConfiguration c : List.of(config, fromDisk())) {
            assertThat(c.getMappings()).extracting(AwsRoleMapping::getStage).containsExactly("deploy", "build");
            assertThat(c.getRevocationRoleArn()).isEqualTo(REVOKER);
            assertThat(c.getDriftReaderRoleArn()).isEqualTo(READER);
            assertThat(c.getTokenLifetimeSeconds()).as("empty: the default").isEqualTo(300);
            assertThat(c.getKeyRotationDays())
                    .as("empty: the default, not 0 (off)")
                    .isEqualTo(30);
        }
    }

    @Test
    void aRefusedSubmissionChangesNothingInMemoryOrOnDisk() throws Exception {
        config.setMappings(List.of(mapping("deploy", DEPLOY)));
        config.setRevocationRoleArn(REVOKER);
        config.setRefreshMinutes(10);
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        HtmlForm form = wc.goTo("manage/configure").getFormByName("config");
        form.getInputByName("_.defaultRegion").setValue("eu-west-1");
        // A browser keeps only numbers in a number field (text becomes empty: ConfigurationFormTest), so out of range.
        form.getInputByName("_.refreshMinutes").setValue("0");
        HtmlPage answer = r.submit(form);

        assertThat(answer.getWebResponse().getContentAsString())
                .contains("The refresh threshold must be between 1 and 60 minutes; it is 0.");
        for (AwsRoleConfiguration c : List.of(config, fromDisk())) {
            assertThat(c.getMappings()).extracting(AwsRoleMapping::getStage).containsExactly("deploy");
            assertThat(c.getRevocationRoleArn()).isEqualTo(REVOKER);
            assertThat(c.getRefreshMinutes()).isEqualTo(10);
            assertThat(c.getDefaultRegion())
                    .as("nothing of the submission applied")
                    .isNull();
        }
    }

    @Test
    void everyOrderOfTheSameChangesEndsTheSame() {
        // Today: deploy maps the role that becomes the revocation role, build the one that becomes the drift reader.
        List<Consumer<AwsRoleConfiguration>> changes = List.of(
                c -> c.setMappings(List.of(mapping("deploy", DEPLOY))),
                c -> c.setRevocationRoleArn(REVOKER),
                c -> c.setDriftReaderRoleArn(READER),
                c -> c.setSigningKeys(Secret.fromString(EC_KEY)),
                c -> c.setSigningAlgorithm(SigningAlgorithm.ES256));
        int orders = 0;
        for (List<Consumer<AwsRoleConfiguration>> order : permutations(changes)) {
            resetTo(List.of(mapping("deploy", REVOKER), mapping("build", READER)));

            try (BulkChange bc = new BulkChange(config)) {
                order.forEach(change -> change.accept(config));
                bc.commit();
            } catch (Exception e) {
                throw new AssertionError("order " + orders + " failed: " + e.getMessage(), e);
            }

            assertThat(config.getMappings())
                    .extracting(AwsRoleMapping::getRoleArn)
                    .containsExactly(DEPLOY);
            assertThat(config.getRevocationRoleArn()).isEqualTo(REVOKER);
            assertThat(config.getDriftReaderRoleArn()).isEqualTo(READER);
            assertThat(config.getSigningAlgorithm())
                    .as("the supplied key's algorithm, in order %d", orders)
                    .isEqualTo(SigningAlgorithm.ES256);
            orders++;
        }
        assertThat(orders).isEqualTo(120);
    }

    @Test
    void jcascMovesMappedRolesToTheReservedOnesInOneApply() throws Exception {
        resetTo(List.of(mapping("deploy", REVOKER), mapping("build", READER)));

        ConfigurationAsCode.get()
                .configure(getClass()
                        .getResource("ConfigurationChangesJenkinsTest-move-roles.yaml")
                        .toExternalForm());

        for (AwsRoleConfiguration c : List.of(config, fromDisk())) {
            assertThat(c.getMappings()).extracting(AwsRoleMapping::getRoleArn).containsExactly(DEPLOY);
            assertThat(c.getRevocationRoleArn()).isEqualTo(REVOKER);
            assertThat(c.getDriftReaderRoleArn()).isEqualTo(READER);
        }
    }

    @Test
    void aKeyOfOneAlgorithmWithTheOtherAlgorithmIsRefusedInEveryOrder() {
        List<Consumer<AwsRoleConfiguration>> changes = List.of(
                c -> c.setSigningKeys(Secret.fromString(EC_KEY)), c -> c.setSigningAlgorithm(SigningAlgorithm.RS256));
        for (List<Consumer<AwsRoleConfiguration>> order : permutations(changes)) {
            resetTo(List.of());

            assertThatThrownBy(() -> {
                        try (BulkChange bc = new BulkChange(config)) {
                            order.forEach(change -> change.accept(config));
                            bc.commit();
                        }
                    })
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the supplied signing key is a ES256 key");
            assertThat(config.getSigningKeys()).as("put back").isNull();
            assertThat(config.getSigningAlgorithm()).isEqualTo(SigningAlgorithm.RS256);
        }
    }

    @Test
    void aWholeThatIsRefusedAtTheCommitIsPutBackInMemoryAndOnDisk() throws Exception {
        resetTo(List.of(mapping("deploy", DEPLOY)));
        config.setRefreshMinutes(10);

        assertThatThrownBy(() -> {
                    try (BulkChange bc = new BulkChange(config)) {
                        config.setRefreshMinutes(20);
                        config.setRevocationRoleArn(DEPLOY); // still mapped to deploy: refused as a whole
                        bc.commit();
                    }
                })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no build may have it");

        for (AwsRoleConfiguration c : List.of(config, fromDisk())) {
            assertThat(c.getRefreshMinutes()).isEqualTo(10);
            assertThat(c.getRevocationRoleArn()).isNull();
            assertThat(c.getMappings()).extracting(AwsRoleMapping::getRoleArn).containsExactly(DEPLOY);
        }
    }

    @Test
    void aSingleSetterThatBreaksTheWholeIsRefusedAndChangesNothing() throws Exception {
        resetTo(List.of(mapping("deploy", DEPLOY)));

        assertThatThrownBy(() -> config.setRevocationRoleArn(DEPLOY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Stage 'deploy'");

        assertThat(config.getRevocationRoleArn()).isNull();
        assertThat(fromDisk().getRevocationRoleArn()).isNull();
    }

    /** Only these mappings, no reserved role, default algorithm and no supplied key. */
    private void resetTo(List<AwsRoleMapping> mappings) {
        try (BulkChange bc = new BulkChange(config)) {
            config.setRevocationRoleArn("");
            config.setDriftReaderRoleArn("");
            config.setMappings(mappings);
            config.setSigningAlgorithm(SigningAlgorithm.RS256);
            bc.commit();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The configuration as saved: a second instance reads the file. */
    private static AwsRoleConfiguration fromDisk() {
        return new AwsRoleConfiguration();
    }

    private static AwsRoleMapping mapping(String stage, String roleArn) {
        AwsRoleMapping mapping = new AwsRoleMapping(stage, roleArn);
        mapping.setJobs("team/**");
        return mapping;
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
