package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The export downloads in a real Jenkins with security on: administrators only, as attachments, 400 in plain text. */
@WithJenkins
class TrustExportJenkinsTest {

    private static final String EXPORT = "descriptorByName/" + AwsRoleConfiguration.class.getName() + "/export";

    private JenkinsRule r;

    @BeforeEach
    void secure(JenkinsRule rule) {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader"));
        AwsRoleMapping deploy = new AwsRoleMapping("deploy", "arn:aws:iam::111122223333:role/app-deploy");
        deploy.setJobs("team/app/main");
        AwsRoleConfiguration.get().setMappings(List.of(deploy));
    }

    @Test
    void anAdministratorDownloadsEachFormatAsAnAttachment() throws Exception {
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");

        WebResponse terraform = get(admin, "?format=terraform");
        WebResponse cloudFormation = get(admin, "?format=cloudformation");
        WebResponse policies = get(admin, "?format=trust-policies");

        assertThat(terraform.getStatusCode()).isEqualTo(200);
        assertThat(terraform.getResponseHeaderValue("Content-Disposition"))
                .isEqualTo("attachment; filename=\"aws-oidc-role.tf\"");
        assertThat(terraform.getContentAsString()).contains("aws_iam_role").contains("app-deploy");
        assertThat(cloudFormation.getResponseHeaderValue("Content-Disposition"))
                .isEqualTo("attachment; filename=\"aws-oidc-role.yaml\"");
        assertThat(cloudFormation.getContentAsString()).contains("AWS::IAM::Role");
        assertThat(policies.getContentAsString()).contains("arn:aws:iam::111122223333:role/app-deploy");
    }

    @Test
    void anUnknownFormatIsAPlainTextBadRequest() throws Exception {
        WebResponse response = get(r.createWebClient().login("admin"), "?format=pulumi");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("text/plain");
        assertThat(response.getContentAsString()).contains("cloudformation, terraform, trust-policies");
    }

    @Test
    void readersAndAnonymousGetNothing() throws Exception {
        WebResponse reader = get(r.createWebClient().login("reader"), "?format=terraform");
        // Plain HTTP, as curl would ask: the web client would follow the refusal page's refresh to the login form.
        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(r.getURL() + EXPORT + "?format=terraform"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(reader.getStatusCode()).isEqualTo(403);
        assertThat(reader.getContentAsString()).doesNotContain("app-deploy");
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("Authentication required").doesNotContain("app-deploy");
    }

    private WebResponse get(JenkinsRule.WebClient wc, String query) throws Exception {
        Page page = wc.withThrowExceptionOnFailingStatusCode(false)
                .getPage(new WebRequest(new URL(r.getURL(), EXPORT + query)));
        return page.getWebResponse();
    }
}
