package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The trust-check steps in Pipeline's Snippet Generator: each has a form whose fields bind to the step (the generator
 * turns a submitted form into the step's call), and a help text for the step and every field, instead of "This step
 * has not yet defined any visual configuration".
 */
@WithJenkins
class TrustCheckStepsSnippetJenkinsTest {

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    @Test
    void everyFieldOfBothStepsHasHelp() throws Exception {
        assertThat(help(AwsRoleProbeStep.class, "")).contains("Asks AWS directly");
        assertThat(help(AwsRoleProbeStep.class, "/stage")).contains("The stage whose role to probe");
        assertThat(help(AwsRoleProbeStep.class, "/asJob")).contains("The full name of the job to pretend to be");
        assertThat(help(AwsRoleProbeStep.class, "/asBranch")).contains("The branch the pretended build is of");
        assertThat(help(AwsRoleDriftCheckStep.class, "")).contains("Compares the AWS side with the trust mappings");
    }

    /** A help text as the page's "?" fetches it. */
    private String help(Class<?> step, String field) throws Exception {
        return r.createWebClient()
                .goTo("descriptor/" + step.getName() + "/help" + field, "text/html")
                .getWebResponse()
                .getContentAsString();
    }

    @Test
    void theProbesFormBindsToTheStepCall() throws Exception {
        JSONObject form = new JSONObject();
        form.put("stapler-class", AwsRoleProbeStep.class.getName());
        form.put("stage", "deploy");
        form.put("asJob", "team/app/feature-x");
        form.put("asBranch", "");

        assertThat(snippet(form)).isEqualTo("awsRoleProbe asJob: 'team/app/feature-x', stage: 'deploy'");
    }

    @Test
    void theDriftChecksFormBindsToTheStepCall() throws Exception {
        JSONObject form = new JSONObject();
        form.put("stapler-class", AwsRoleDriftCheckStep.class.getName());

        assertThat(snippet(form)).isEqualTo("awsRoleDriftCheck()");
    }

    /** What the Snippet Generator makes of this step form, as its page asks for it. */
    private String snippet(JSONObject form) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        WebRequest request = new WebRequest(new URL(r.getURL(), "pipeline-syntax/generateSnippet"), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("json", form.toString())));
        wc.addCrumb(request);
        return wc.getPage(request).getWebResponse().getContentAsString().strip();
    }
}
