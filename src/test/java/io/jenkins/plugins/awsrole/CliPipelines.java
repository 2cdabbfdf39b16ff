package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Descriptor;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.revoke.RevokerPolicies;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.junit.jupiter.api.Assumptions;

/**
 * The local AWS-compatible server as the AWS account of a live Jenkins, for the {@code withAwsRole} tests: the account
 * trusts that Jenkins' issuer, the plugin's STS endpoint points at it, and the Pipelines made here run the real AWS CLI
 * (env {@code AWS_CLI}, else {@code /usr/bin/aws}) against it. It also reads back what the CLI printed and checks that
 * text Jenkins wrote holds no credential of any session the account issued.
 *
 * <p>Kept free of the test harness types so that the live tests can share it (they pass it the log and the Jenkins
 * URL); it needs a running Jenkins only for {@link AwsRoleConfiguration}.
 */
final class CliPipelines {

    /** The job every mapping made here admits, so each test names its Pipeline job so. */
    static final String JOB = "p";

    private static final String AUDIENCE = "sts.amazonaws.com";

    private static final Pattern CALLER = Pattern.compile("(\\w+)=(arn:aws:sts::\\d{12}:assumed-role/[^\\s]+)");

    private final FakeAws aws;
    private final String providerArn;

    private CliPipelines(FakeAws aws, String providerArn) {
        this.aws = aws;
        this.providerArn = providerArn;
    }

    /**
     * Registers the Jenkins at {@code jenkinsUrl} as an OIDC provider of {@code aws} (its issuer is
     * {@code <Jenkins URL>aws-oidc-role}, which the fake fetches over HTTP like AWS would) and points the plugin's STS
     * endpoint at {@code aws}, with {@code eu-west-1} as the default region.
     */
    static CliPipelines trusting(FakeAws aws, URL jenkinsUrl) {
        String providerArn = aws.createOidcProvider(jenkinsUrl + "aws-oidc-role", AUDIENCE);
        AwsRoleConfiguration config = AwsRoleConfiguration.get();
        config.setStsEndpoint(aws.endpoint().toString());
        config.setDefaultRegion("eu-west-1");
        return new CliPipelines(aws, providerArn);
    }

    /** A role whose trust policy admits exactly the tokens of job {@link #JOB} for this stage, mapped for that job. */
    AwsRoleMapping mapping(String stage) {
        return mapping(stage, JOB);
    }

    /**
     * A role whose trust policy admits the tokens of the jobs matching {@code jobs} for this stage, mapped for those
     * jobs. {@code jobs} is both the mapping's job pattern and, in the trust policy's {@code StringLike} on
     * {@code sub}, AWS's: give one that means the same jobs to both, such as {@code p/*} for a multibranch project's
     * branch jobs.
     */
    AwsRoleMapping mapping(String stage, String jobs) {
        FakeRole role = aws.createRole(
                stage, FakeAws.trustPolicy(providerArn, AUDIENCE, "job:" + jobs + ":stage:" + stage), 3600);
        AwsRoleMapping mapping = new AwsRoleMapping(stage, role.arn());
        mapping.setJobs(jobs);
        return mapping;
    }

    /**
     * A revoker role as revocation.md describes it (trusting only the controller's {@code sub}, allowed to write the
     * inline policies of these roles), made the plugin's revocation role; the plugin's IAM calls go to the local
     * server through {@link AwsRoleService#IAM_ENDPOINT_PROPERTY}, which the caller clears when done.
     */
    void revokeThrough(String... targetRoleArns) {
        FakeRole revoker = aws.createRole(
                "jenkins-revoker",
                RevokerPolicies.trustPolicy(providerArn, AUDIENCE, RevokerPolicies.DEFAULT_SUBJECT),
                3600);
        aws.putRolePolicy(revoker.name(), "revoke", RevokerPolicies.permissionsPolicy(List.of(targetRoleArns)));
        System.setProperty(AwsRoleService.IAM_ENDPOINT_PROPERTY, aws.endpoint().toString());
        AwsRoleConfiguration.get().setRevocationRoleArn(revoker.arn());
    }

    /** Makes these the plugin's only mappings. */
    static void map(AwsRoleMapping... mappings) {
        AwsRoleConfiguration.get().setMappings(List.of(mappings));
    }

    /** A sandboxed Pipeline of {@code script} in which the CLI can use the block's variables only. */
    static CpsFlowDefinition definition(String script) throws Descriptor.FormException {
        return new CpsFlowDefinition(jenkinsfile(script), true);
    }

    /**
     * The Pipeline script of {@link #definition}, for a Jenkinsfile in a repository (multibranch Jenkinsfiles always
     * run sandboxed, and this one needs no script approval: it only calls steps).
     */
    static String jenkinsfile(String script) {
        // No profile, credentials file or instance metadata of the test machine.
        return "withEnv(['AWS_CONFIG_FILE=/nonexistent', 'AWS_SHARED_CREDENTIALS_FILE=/nonexistent',"
                + " 'AWS_EC2_METADATA_DISABLED=true', 'AWS_PAGER=']) {\n" + script + "}\n";
    }

    /** A shell line printing {@code <label>=<ARN of the caller>} as STS's GetCallerIdentity reports it. */
    String callerIdentity(String label) {
        return "echo \"" + label + "=$(" + awsCli() + " sts get-caller-identity --endpoint-url " + aws.endpoint()
                + " --query Arn --output text)\"";
    }

    /** Every {@code label=arn} line the CLI printed into this build log, in log order. */
    static List<String> callers(String log) {
        List<String> found = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains("+ echo")) {
                continue; // the shell's trace of the command, not its output
            }
            Matcher m = CALLER.matcher(line);
            if (m.find()) {
                found.add(m.group(1) + "=" + m.group(2));
            }
        }
        return found;
    }

    /**
     * Fails if {@code text} (a build log, or a file Jenkins wrote, read as ISO-8859-1 so that any bytes will do) holds
     * the access key id, secret key or session token of any session the account has issued so far.
     */
    void assertNoSecretIn(String where, String text) {
        List<IssuedSession> sessions = aws.sessions();
        assertThat(sessions).as("sessions issued, whose secrets to look for").isNotEmpty();
        for (IssuedSession session : sessions) {
            assertThat(text)
                    .as("%s must not hold a credential of session %s", where, session.sessionName())
                    .doesNotContain(session.accessKeyId())
                    .doesNotContain(session.secretAccessKey())
                    .doesNotContain(session.sessionToken());
        }
    }

    /** The AWS CLI, or a skipped test where it is missing outside CI (in CI a missing CLI fails the test). */
    private static String awsCli() {
        String cli = System.getenv().getOrDefault("AWS_CLI", "/usr/bin/aws");
        if (!Files.isExecutable(Path.of(cli))) {
            String message = "The AWS CLI is needed (" + cli + " is not executable). Install it (Debian: apt-get"
                    + " install awscli) or point AWS_CLI at it.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return cli;
    }
}
