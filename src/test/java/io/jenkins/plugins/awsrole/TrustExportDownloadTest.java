package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import io.jenkins.plugins.awsrole.engine.trustcode.CloudFormationExport;
import io.jenkins.plugins.awsrole.engine.trustcode.TerraformExport;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustPlan;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustPolicyExport;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The export download over a recorded response: the engine's text as an attachment, or a plain 400 saying why not. */
class TrustExportDownloadTest {

    private static final IssuerUrl ISSUER = IssuerUrl.parse("https://jenkins.example.com/aws-oidc-role");
    private static final String DEPLOY = "arn:aws:iam::111122223333:role/app-deploy";
    private static final String OTHER = "arn:aws:iam::444455556666:role/app-build";

    private static TrustPlan plan(String... roleArns) {
        List<TrustMapping> mappings = new java.util.ArrayList<>();
        for (int i = 0; i < roleArns.length; i++) {
            mappings.add(TrustMapping.builder()
                    .stage("stage" + i)
                    .roleArn(roleArns[i])
                    .jobs("team/app/main")
                    .build());
        }
        return TrustPlan.of(TrustMappings.of(mappings), ISSUER, null);
    }

    private static RecordedResponse respond(String format, String account, Supplier<TrustPlan> plan) throws Exception {
        RecordedResponse r = new RecordedResponse();
        TrustExportDownload.respond(format, account, plan, r.response);
        return r;
    }

    @Test
    void eachFormatIsTheEnginesTextAsAnAttachmentWithAStableName() throws Exception {
        TrustPlan plan = plan(DEPLOY);

        RecordedResponse cfn = respond("cloudformation", null, () -> plan);
        RecordedResponse tf = respond("terraform", "", () -> plan);
        RecordedResponse json = respond("trust-policies", null, () -> plan);

        assertThat(cfn.status).isEqualTo(200);
        assertThat(cfn.text()).isEqualTo(CloudFormationExport.render(plan));
        assertThat(cfn.contentType).isEqualTo("application/yaml");
        assertThat(cfn.headers)
                .containsEntry("Content-Disposition", "attachment; filename=\"aws-oidc-role.yaml\"")
                .containsEntry("Cache-Control", "no-store");
        assertThat(tf.text()).isEqualTo(TerraformExport.render(plan));
        assertThat(tf.headers).containsEntry("Content-Disposition", "attachment; filename=\"aws-oidc-role.tf\"");
        assertThat(json.text()).isEqualTo(TrustPolicyExport.allRolesJson(plan)).contains(DEPLOY);
        assertThat(json.contentType).isEqualTo("application/json");
        assertThat(json.headers)
                .containsEntry("Content-Disposition", "attachment; filename=\"aws-oidc-role-trust-policies.json\"");
    }

    @Test
    void anUnknownFormatIsABadRequestListingTheFormats() throws Exception {
        RecordedResponse r = respond("pulumi", null, () -> plan(DEPLOY));

        assertThat(r.status).isEqualTo(400);
        assertThat(r.contentType).startsWith("text/plain");
        assertThat(r.text()).contains("'pulumi'").contains("cloudformation, terraform, trust-policies");
        assertThat(r.headers).doesNotContainKey("Content-Disposition");
    }

    @Test
    void mappingsWithErrorsAreABadRequestListingThem() throws Exception {
        Supplier<TrustPlan> broken = () -> TrustPlan.of(
                TrustMappings.of(List.of(TrustMapping.builder()
                        .stage("deploy")
                        .roleArn("not-an-arn")
                        .jobs("team/app/main")
                        .build())),
                ISSUER,
                null);

        RecordedResponse r = respond("terraform", null, broken);

        assertThat(r.status).isEqualTo(400);
        assertThat(r.text()).contains("The trust mappings have errors").contains("deploy");
    }

    @Test
    void rolesInSeveralAccountsNeedAnAccountForOneAccountFormats() throws Exception {
        TrustPlan plan = plan(DEPLOY, OTHER);

        RecordedResponse all = respond("cloudformation", null, () -> plan);
        RecordedResponse one = respond("cloudformation", "444455556666", () -> plan);
        RecordedResponse policies = respond("trust-policies", null, () -> plan);

        assertThat(all.status).isEqualTo(400);
        assertThat(all.text()).contains("111122223333, 444455556666").contains("&account=");
        assertThat(one.status).isEqualTo(200);
        assertThat(one.text()).isEqualTo(CloudFormationExport.render(plan.forAccount("444455556666")));
        assertThat(one.headers)
                .containsEntry("Content-Disposition", "attachment; filename=\"aws-oidc-role-444455556666.yaml\"");
        assertThat(policies.status).isEqualTo(200);
        assertThat(policies.text()).contains(DEPLOY).contains(OTHER);
    }

    @Test
    void anAccountWithoutMappedRolesIsABadRequestNamingTheOnesThereAre() throws Exception {
        RecordedResponse r = respond("terraform", "999999999999", () -> plan(DEPLOY));

        assertThat(r.status).isEqualTo(400);
        assertThat(r.text()).contains("'999999999999'").contains("111122223333");
    }
}
