package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import hudson.ExtensionList;
import hudson.PluginWrapper;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension;

/**
 * The plugin without aws-credentials, its optional dependency: a real Jenkins (its own JVM, plugins in their own class
 * loaders, as in production) with every plugin of the test classpath except aws-credentials. The plugin loads, no
 * plugin fails, the credential type is simply absent (its classes cannot even load), and {@code withAwsRole} runs the
 * AWS CLI as the mapped role against the local AWS-compatible server.
 *
 * <p>A {@code JenkinsRule} cannot show this: it loads every plugin of the test classpath, aws-credentials included,
 * and puts all classes in one class loader. The installed case is {@code AwsRoleCredentialsJenkinsTest}.
 */
class WithoutAwsCredentialsJenkinsTest {

    @RegisterExtension
    private final RealJenkinsExtension jenkins =
            new RealJenkinsExtension().omitPlugins("aws-credentials").withTimeout(600);

    @Test
    void thePluginLoadsWithoutTheCredentialTypeAndWithAwsRoleWorks() throws Throwable {
        jenkins.then(WithoutAwsCredentialsJenkinsTest::inJenkins);
    }

    private static String text(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(" / ").append(t);
        }
        return text.toString();
    }

    /** Runs inside the real Jenkins. */
    private static void inJenkins(JenkinsRule r) throws Throwable {
        assertThat(r.jenkins.getPluginManager().getPlugin("aws-credentials"))
                .as("aws-credentials is not installed")
                .isNull();
        PluginWrapper plugin = r.jenkins.getPluginManager().getPlugin("aws-oidc-role");
        assertThat(plugin).isNotNull();
        assertThat(plugin.isActive()).isTrue();
        assertThat(r.jenkins.getPluginManager().getFailedPlugins()).isEmpty();
        assertThat(ExtensionList.lookup(CredentialsDescriptor.class))
                .extracting(d -> d.getClass().getName())
                .isNotEmpty()
                .noneMatch(name -> name.startsWith("io.jenkins.plugins.awsrole."));
        Throwable loading = catchThrowable(
                () -> plugin.classLoader.loadClass("io.jenkins.plugins.awsrole.awscredentials.AwsRoleCredentials"));
        assertThat(loading)
                .as("the credential type cannot load without aws-credentials")
                .isInstanceOfAny(LinkageError.class, ClassNotFoundException.class);
        assertThat(ExtensionList.lookupSingleton(AwsRoleStep.DescriptorImpl.class))
                .isNotNull();
        // Jenkins' own log of this start (the ring buffer behind Manage Jenkins > System Log): an extension of the
        // plugin that failed to load would be a WARNING naming its class; an optional one that cannot load is not.
        assertThat(List.copyOf(Jenkins.logRecords))
                .as("log records of this Jenkins")
                .isNotEmpty()
                .filteredOn(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                .extracting(WithoutAwsCredentialsJenkinsTest::text)
                .noneMatch(text -> text.contains("io.jenkins.plugins.awsrole"));

        try (FakeAws aws = FakeAws.start()) {
            CliPipelines account = CliPipelines.trusting(aws, r.getURL());
            CliPipelines.map(account.mapping("deploy"));
            WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
            p.setDefinition(CliPipelines.definition("""
                    withAwsRole(stage: 'deploy') {
                      node { sh '%s' }
                    }
                    """.formatted(account.callerIdentity("caller"))));

            WorkflowRun b = r.buildAndAssertSuccess(p);

            List<IssuedSession> sessions = aws.sessions();
            assertThat(sessions).hasSize(1);
            assertThat(CliPipelines.callers(JenkinsRule.getLog(b)))
                    .containsExactly("caller=" + sessions.get(0).assumedRoleArn());
            account.assertNoSecretIn("the build log", JenkinsRule.getLog(b));
        }
    }
}
