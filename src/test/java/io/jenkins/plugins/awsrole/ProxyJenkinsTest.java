package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.ProxyConfiguration;
import hudson.model.Result;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.TinyProxy;
import io.jenkins.plugins.awsrole.engine.session.ControllerSessions;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Jenkins' HTTP proxy setting (Manage Jenkins, System, HTTP Proxy Configuration) in a live Jenkins with a real proxy
 * ({@link TinyProxy}) in front of the local AWS server: a block's STS call and the drift reader's calls go through it, a no-proxy host goes around it, a change of the setting applies to the next build, and a proxy that
 * refuses fails the build with a message that names it.
 *
 * <p>The proxy and the AWS server both listen on 127.0.0.1, and the calls still go through the proxy: the plugin hands
 * the SDK's HTTP client an explicit proxy configuration, which (unlike the JVM's default proxy selector) exempts no
 * loopback address; only the no-proxy hosts of the setting go around it. See {@code StsExchangeProxyTest}.
 */
@WithJenkins
class ProxyJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String AUDIENCE = "sts.amazonaws.com";

    private JenkinsRule r;
    private FakeAws aws;
    private CliPipelines account;
    private TinyProxy proxy;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        aws = FakeAws.start();
        account = CliPipelines.trusting(aws, r.getURL());
    }

    @AfterEach
    void tearDown() {
        if (proxy != null) {
            proxy.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void aBlocksStsCallGoesThroughTheProxyAndANoProxyHostGoesAroundIt() throws Exception {
        proxy = TinyProxy.start();
        map(account.mapping("deploy"));
        WorkflowJob p = pipeline();
        r.jenkins.setProxy(new ProxyConfiguration(TinyProxy.HOST, proxy.port()));

        WorkflowRun through = r.buildAndAssertSuccess(p);

        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(proxy.requestsTo(awsHostAndPort()))
                .containsExactly("POST http://" + awsHostAndPort() + "/ HTTP/1.1");
        r.assertLogContains("inside the block", through);

        // The setting changed: the next build's call goes directly, through a new HTTP client.
        r.jenkins.setProxy(new ProxyConfiguration(TinyProxy.HOST, proxy.port(), null, null, "localhost|127.0.0.1"));

        r.buildAndAssertSuccess(p);

        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(2);
        assertThat(proxy.requests()).as("nothing more reached the proxy").hasSize(1);
    }

    @Test
    void aProxyThatRefusesFailsTheBuildWithAMessageThatNamesItAndItsCredentialsThenWork() throws Exception {
        proxy = TinyProxy.start("alice", "s3cret");
        map(account.mapping("deploy"));
        WorkflowJob p = pipeline();
        r.jenkins.setProxy(new ProxyConfiguration(TinyProxy.HOST, proxy.port()));

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("No AWS credentials for stage 'deploy'", refused);
        r.assertLogContains(
                "The HTTP proxy " + proxy.address() + " answered HTTP 407 instead of passing the call on to STS at "
                        + aws.endpoint() + ".",
                refused);
        r.assertLogContains("Manage Jenkins > System > HTTP Proxy Configuration", refused);
        r.assertLogNotContains("inside the block", refused);
        assertThat(JenkinsRule.getLog(refused)).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();

        r.jenkins.setProxy(new ProxyConfiguration(TinyProxy.HOST, proxy.port(), "alice", "s3cret"));

        WorkflowRun allowed = r.buildAndAssertSuccess(p);

        r.assertLogContains("inside the block", allowed);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(JenkinsRule.getLog(allowed)).doesNotContain("s3cret");
    }

    /**
     * The controller's own calls: the drift reader's session and its IAM reads. (The revoker's IAM client is built the
     * same way; {@code RevokerProxyTest} shows it going through the proxy, and why a revocation that writes cannot
     * succeed through tinyproxy over plain HTTP.)
     */
    @Test
    void theDriftReaderGoesThroughTheProxyToo() throws Exception {
        proxy = TinyProxy.start();
        String providerArn = "arn:aws:iam::" + FakeAws.ACCOUNT + ":oidc-provider/"
                + r.getURL().toString().replaceFirst("^https?://", "") + "aws-oidc-role";
        map(account.mapping("deploy"));
        String reader = aws.createRole(
                        "drift-reader",
                        FakeAws.trustPolicy(providerArn, AUDIENCE, ControllerSessions.subject(DriftReader.PURPOSE)),
                        3600)
                .arn();
        aws.putRolePolicy(
                "drift-reader",
                "read",
                "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"iam:GetRole\","
                        + " \"iam:GetRolePolicy\", \"iam:ListRolePolicies\", \"iam:GetOpenIDConnectProvider\"],"
                        + " \"Resource\": \"*\"}]}");
        AwsRoleConfiguration.get().setDriftReaderRoleArn(reader);
        AwsRoleConfiguration.get().setIamEndpoint(aws.endpoint().toString());
        r.jenkins.setProxy(new ProxyConfiguration(TinyProxy.HOST, proxy.port()));

        DriftReport report = AwsRoleService.get().checkDrift();

        assertThat(report.account()).isEqualTo(FakeAws.ACCOUNT);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(aws.calls("GetRole")).isPositive();
        List<String> through = proxy.requestsTo(awsHostAndPort());
        assertThat(through)
                .as("the reader's session and at least one IAM read (the SDK retries the reads tinyproxy drops)")
                .hasSizeGreaterThanOrEqualTo(2);
    }

    private WorkflowJob pipeline() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(CliPipelines.definition("withAwsRole(stage: 'deploy') { echo 'inside the block' }\n"));
        return p;
    }

    private String awsHostAndPort() {
        return aws.endpoint().getAuthority();
    }
}
