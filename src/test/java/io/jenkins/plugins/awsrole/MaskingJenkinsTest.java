package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.actions.ErrorAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
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
 * What the masker keeps out of real build logs beyond the plain secrets: their base64 as coreutils' {@code base64}
 * prints it, at every offset, and a failure whose message quotes a secret as it leaves the block (the closing
 * {@code ERROR:} line, the flow nodes' errors, and everything Jenkins stores in the build's directory).
 */
@WithJenkins
class MaskingJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;
    private FakeAws aws;
    private CliPipelines account;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        aws = FakeAws.start();
        account = CliPipelines.trusting(aws, r.getURL());
        map(account.mapping("deploy"));
    }

    @AfterEach
    void tearDown() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void base64OfEachSecretAtOffsetsZeroOneAndTwoIsMasked() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(CliPipelines.definition("""
                withAwsRole(stage: 'deploy') {
                  node {
                    sh 'printf %s "$AWS_SECRET_ACCESS_KEY" | base64'
                    sh 'printf "x%s-end" "$AWS_SECRET_ACCESS_KEY" | base64'
                    sh 'printf "xy%s-end" "$AWS_SECRET_ACCESS_KEY" | base64'
                    sh 'printf "%s" "$AWS_ACCESS_KEY_ID" | base64'
                    sh 'printf "x%s" "$AWS_ACCESS_KEY_ID" | base64 | tr -d =; echo'
                    sh 'printf "%s" "$AWS_SESSION_TOKEN" | base64 -w0; echo'
                    sh 'printf "xy%s" "$AWS_SESSION_TOKEN" | base64 -w0 | tr +/ -_; echo'
                  }
                }
                """));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String log = JenkinsRule.getLog(b);
        IssuedSession session = aws.sessions().get(0);
        account.assertNoSecretIn("the build log", log);
        for (String secret : List.of(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())) {
            for (String prefix : List.of("", "x", "xy")) {
                for (String encoded : encodings(prefix + secret + "-end")) {
                    String secretPart = secretOnly(encoded, prefix.length(), secret.length());
                    assertThat(log)
                            .as("base64 of the secret at offset %d", prefix.length())
                            .doesNotContain(secretPart.substring(0, 12))
                            .doesNotContain(secretPart.substring(secretPart.length() - 12));
                }
            }
        }
        assertThat(log).contains("****");
    }

    @Test
    void aFailureQuotingASecretLeavesNoSecretInTheLogOrTheBuildsFiles() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(CliPipelines.definition("""
                withAwsRole(stage: 'deploy') {
                  error "key is ${env.AWS_SECRET_ACCESS_KEY}"
                }
                """));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        String log = JenkinsRule.getLog(b);
        account.assertNoSecretIn("the build log", log);
        assertThat(log).contains("ERROR: key is ****");
        List<String> errors = new ArrayList<>();
        for (FlowNode node : new DepthFirstScanner().allNodes(b.getExecution())) {
            ErrorAction error = node.getPersistentAction(ErrorAction.class);
            if (error != null) {
                errors.add(error.getError().toString());
            }
        }
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e).contains("key is ****"));
        account.assertNoSecretIn("the flow nodes' errors", String.join("\n", errors));
        account.assertNoSecretIn("the build's files", filesOf(b));
    }

    @Test
    void aGroovyExceptionQuotingASecretIsMaskedWithItsTypeAndTrace() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(CliPipelines.definition("""
                withAwsRole(stage: 'deploy') {
                  Integer.parseInt(env.AWS_SECRET_ACCESS_KEY)
                }
                """));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        String log = JenkinsRule.getLog(b);
        account.assertNoSecretIn("the build log", log);
        assertThat(log).contains("java.lang.NumberFormatException: For input string: \"****\"");
        account.assertNoSecretIn("the build's files", filesOf(b));
    }

    /** What base64 writes for the text, in both alphabets. */
    private static List<String> encodings(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return List.of(
                Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().encodeToString(bytes));
    }

    /** The base64 characters whose 6 bits all come from the secret, which starts {@code start} bytes in. */
    private static String secretOnly(String encoded, int start, int length) {
        return encoded.substring((8 * start + 5) / 6, 8 * (start + length) / 6);
    }

    /** Every file Jenkins keeps for the build (build.xml, the flow nodes, the log), as text. */
    private static String filesOf(WorkflowRun b) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(b.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .append('\n');
            }
        }
        return all.toString();
    }
}
