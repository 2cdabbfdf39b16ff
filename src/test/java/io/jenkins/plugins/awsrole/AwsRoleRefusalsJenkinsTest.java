package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.CliPipelines.map;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.queue.QueueTaskFuture;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectEncoding;
import io.jenkins.plugins.awsrole.engine.trust.DenialReason;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jenkins.branch.BranchSource;
import jenkins.scm.api.trait.SCMSourceTrait;
import jenkins.scm.impl.mock.MockChangeRequestFlags;
import jenkins.scm.impl.mock.MockRepositoryFlags;
import jenkins.scm.impl.mock.MockSCMController;
import jenkins.scm.impl.mock.MockSCMDiscoverBranches;
import jenkins.scm.impl.mock.MockSCMDiscoverChangeRequests;
import jenkins.scm.impl.mock.MockSCMDiscoverTags;
import jenkins.scm.impl.mock.MockSCMSource;
import org.jenkinsci.plugins.pipeline.modeldefinition.actions.RestartDeclarativePipelineAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.replay.ReplayAction;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The trust mappings' refusals in real builds: a branch the mapping does not list, a change request, a replay. Each
 * refused build fails with the rule's message and no stack trace, its block's body never runs, the audit trail names
 * the rule, and nothing reaches AWS: {@code AssumeRoleWithWebIdentity} is called exactly once for each build that
 * was allowed, never for a refused one.
 *
 * <p>The roles' trust policies admit every job of the mapping, refused builds included, so that what refuses them is
 * the plugin, not AWS. Branches and change requests come from a multibranch project over scm-api's mock SCM, where
 * the Jenkinsfile runs sandboxed (it only calls steps, so it needs no script approval); branch-api builds every
 * branch and change request that the first indexing finds.
 */
@WithJenkins
class AwsRoleRefusalsJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String REPOSITORY = "repo";

    /** The branch jobs of the multibranch project {@link CliPipelines#JOB}, as job pattern and as trust pattern. */
    private static final String BRANCH_JOBS = CliPipelines.JOB + "/*";

    /** Printed by the block's body, which a refused build must never reach. */
    private static final String BODY_RAN = "the deploy block ran its body";

    private JenkinsRule r;
    private FakeAws aws;
    private CliPipelines account;
    private MockSCMController scm;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        aws = FakeAws.start();
        account = CliPipelines.trusting(aws, r.getURL());
        scm = MockSCMController.create();
    }

    @AfterEach
    void tearDown() {
        if (scm != null) {
            scm.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void aBranchTheMappingDoesNotListIsRefusedBeforeAws() throws Exception {
        AwsRoleMapping deploy = account.mapping("deploy", BRANCH_JOBS);
        deploy.setBranches("main");
        map(deploy);
        repositoryWithBranches("main", "feature");

        WorkflowMultiBranchProject project = indexed(new MockSCMDiscoverBranches());

        WorkflowRun main = r.assertBuildStatusSuccess(firstBuild(project, "main"));
        assertTheCliSawTheRole(main, "p/main");
        assertRefused(
                firstBuild(project, "feature"),
                DenialReason.BRANCH_NOT_ALLOWED,
                "Branch 'feature' of job 'p/feature' may not use stage 'deploy': it matches none of the stage's"
                        + " branch patterns");
        assertOnlyTheseReachedAws("p/main");
    }

    /**
     * With tag discovery on, a tag named like a protected branch ({@code release/2} next to the branches the mapping
     * keeps for {@code release/*}) is refused: whoever may push a tag does not get what the release branches get. The
     * administrator lets tags in through the mapping's own {@code tags} patterns, and then the same tag build runs.
     */
    @Test
    void aTagNamedLikeAnAllowedBranchIsRefusedUnlessTheMappingAllowsTags() throws Exception {
        AwsRoleMapping deploy = account.mapping("deploy", BRANCH_JOBS);
        deploy.setBranches("release/*");
        map(deploy);
        repositoryWithBranches("release/1");
        scm.createTag(REPOSITORY, "release/1", "release/2");

        WorkflowMultiBranchProject project = indexed(new MockSCMDiscoverBranches(), new MockSCMDiscoverTags());

        assertTheCliSawTheRole(r.assertBuildStatusSuccess(firstBuild(project, "release%2F1")), "p/release%2F1");
        WorkflowJob tag = project.getItem("release%2F2");
        assertThat(tag).as("the job of tag release/2").isNotNull();
        assertThat(tag.getLastBuild()).as("branch-api builds no tag by itself").isNull();
        assertRefused(
                r.waitForCompletion(tag.scheduleBuild2(0).waitForStart()),
                DenialReason.TAG_NOT_ALLOWED,
                "Build #1 of job 'p/release%2F2' builds tag 'release/2', and stage 'deploy' allows no tags (branch"
                        + " patterns never admit a tag, whatever its name).");
        assertOnlyTheseReachedAws("p/release%2F1");

        deploy.setTags("release/*");
        map(deploy);

        WorkflowRun allowed = r.buildAndAssertSuccess(tag);
        assertTheCliSawTheRole(allowed, "p/release%2F2");
        assertOnlyTheseReachedAws("p/release%2F1", "p/release%2F2");
        // The '%' of branch-api's job names is encoded in sub, like every character outside the safe set.
        assertThat(aws.sessions())
                .extracting(IssuedSession::subject)
                .containsExactly("job:p/release=252F1:stage:deploy", "job:p/release=252F2:stage:deploy");
    }

    /** Branches are not restricted here, so that the change-request rule is the only one that can refuse. */
    @Test
    void aChangeRequestIsRefusedUnlessTheMappingAllowsChangeRequests() throws Exception {
        AwsRoleMapping deploy = account.mapping("deploy", BRANCH_JOBS);
        assertThat(deploy.isChangeRequestsAllowed())
                .as("change requests are refused by default")
                .isFalse();
        map(deploy);
        repositoryWithBranches("main", "feature");
        Integer changeRequest = scm.openChangeRequest(REPOSITORY, "feature");

        WorkflowMultiBranchProject project =
                indexed(new MockSCMDiscoverBranches(), new MockSCMDiscoverChangeRequests("HEAD"));

        assertTheCliSawTheRole(r.assertBuildStatusSuccess(firstBuild(project, "main")), "p/main");
        assertTheCliSawTheRole(r.assertBuildStatusSuccess(firstBuild(project, "feature")), "p/feature");
        String job = "CR-" + changeRequest; // the mock SCM's name for a change request with one checkout strategy
        assertRefused(
                firstBuild(project, job),
                DenialReason.CHANGE_REQUEST_NOT_ALLOWED,
                "Build #1 of job 'p/" + job + "' builds change request " + changeRequest + ", and stage 'deploy'"
                        + " does not allow change requests.");
        assertOnlyTheseReachedAws("p/main", "p/feature");
    }

    @Test
    void aReplayIsRefusedUnlessTheMappingAllowsReplays() throws Exception {
        AwsRoleMapping deploy = account.mapping("deploy");
        assertThat(deploy.isReplaysAllowed())
                .as("replays are refused by default")
                .isFalse();
        map(deploy);
        WorkflowRun original = r.buildAndAssertSuccess(pipeline());
        assertTheCliSawTheRole(original, CliPipelines.JOB);

        assertRefused(
                replay(original),
                DenialReason.REPLAY_NOT_ALLOWED,
                "Build #2 of job 'p' is a replay, and stage 'deploy' does not allow replayed builds");
        assertOnlyTheseReachedAws(CliPipelines.JOB);
    }

    @Test
    void aReplayMayUseTheStageWhenTheMappingAllowsReplays() throws Exception {
        AwsRoleMapping deploy = account.mapping("deploy");
        deploy.setReplaysAllowed(true);
        map(deploy);
        WorkflowRun original = r.buildAndAssertSuccess(pipeline());

        WorkflowRun replayed = r.assertBuildStatusSuccess(replay(original));

        assertThat(aws.sessions()).hasSize(2);
        assertThat(CliPipelines.callers(JenkinsRule.getLog(replayed)))
                .containsExactly("caller=" + aws.sessions().get(1).assumedRoleArn());
        account.assertNoSecretIn("the replayed build's log", JenkinsRule.getLog(replayed));
    }

    /**
     * Change requests allowed, change requests from forks not (their default): one from the repository itself may
     * use the stage, one from a fork may not.
     */
    @Test
    void aChangeRequestFromAForkIsRefusedUnlessTheMappingAllowsForks() throws Exception {
        AwsRoleMapping deploy = account.mapping("deploy", BRANCH_JOBS);
        deploy.setChangeRequestsAllowed(true);
        assertThat(deploy.isForkChangeRequestsAllowed())
                .as("change requests from forks are refused by default")
                .isFalse();
        map(deploy);
        repositoryWithBranches(new MockRepositoryFlags[] {MockRepositoryFlags.FORKABLE}, "feature", "outside");
        String inside = "CR-" + scm.openChangeRequest(REPOSITORY, "feature");
        Integer fromFork = scm.openChangeRequest(REPOSITORY, "outside", MockChangeRequestFlags.FORK);
        String forked = "CR-" + fromFork;

        WorkflowMultiBranchProject project = indexed(new MockSCMDiscoverChangeRequests("HEAD"));

        assertTheCliSawTheRole(r.assertBuildStatusSuccess(firstBuild(project, inside)), "p/" + inside);
        assertRefused(
                firstBuild(project, forked),
                DenialReason.FORK_NOT_ALLOWED,
                "Build #1 of job 'p/" + forked + "' builds change request " + fromFork + ", which comes from a fork");
        assertOnlyTheseReachedAws("p/" + inside);
    }

    /**
     * A rebuild runs its original's script unchanged, so it is exactly as trustworthy as its original: a rebuild of a
     * normal build may use the stage with replays refused, a rebuild of a replay may not.
     */
    @Test
    void aRebuildIsAsTrustedAsItsOriginal() throws Exception {
        AwsRoleMapping deploy = account.mapping("deploy");
        deploy.setReplaysAllowed(true);
        map(deploy);
        WorkflowRun original = r.buildAndAssertSuccess(pipeline());
        WorkflowRun replayed = r.assertBuildStatusSuccess(replay(original));
        deploy.setReplaysAllowed(false);
        map(deploy);

        WorkflowRun rebuiltOriginal = r.assertBuildStatusSuccess(rerun(original, true));
        assertRefused(
                rerun(replayed, true),
                DenialReason.REPLAY_NOT_ALLOWED,
                "Build #4 of job 'p' is a replay, and stage 'deploy' does not allow replayed builds");

        assertThat(rebuiltOriginal.getNumber()).isEqualTo(3);
        assertThat(aws.sessions())
                .as("the original, its replay and the rebuild of the original")
                .hasSize(3);
        assertThat(CliPipelines.callers(JenkinsRule.getLog(rebuiltOriginal)))
                .containsExactly("caller=" + aws.sessions().get(2).assumedRoleArn());
    }

    /**
     * Declarative's "Restart from Stage" runs its original's script again, so it is exactly as trusted as its
     * original: a restart of a normal build may use the stage, a restart of a replay may not. The restart of the
     * replay runs the replay's edited script (its log shows the edit) although its causes are only a user and
     * Declarative's restart cause, with no {@code ReplayCause}: what gives it away is the flow factory action that
     * supplies its script.
     */
    @Test
    void aRestartFromStageIsAsTrustedAsItsOriginal() throws Exception {
        map(account.mapping("deploy"));
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(new CpsFlowDefinition(declarative("as committed"), true));
        WorkflowRun original = r.buildAndAssertSuccess(p);
        WorkflowRun replayed = rerun(original, declarative("edited in the browser"), false);
        assertRefused(
                replayed,
                DenialReason.REPLAY_NOT_ALLOWED,
                "Build #2 of job 'p' is a replay, and stage 'deploy' does not allow replayed builds");

        WorkflowRun restartedOriginal = r.assertBuildStatusSuccess(restartFromStage(original, "deploy"));
        WorkflowRun restartedReplay = restartFromStage(replayed, "deploy");

        r.assertLogContains("script as committed", restartedOriginal);
        r.assertLogContains(BODY_RAN, restartedOriginal);
        assertThat(restartedReplay.getCauses())
                .as("the restart's causes say nothing of a replay")
                .extracting(c -> c.getClass().getSimpleName())
                .containsExactlyInAnyOrder("UserIdCause", "RestartDeclarativePipelineCause");
        r.assertLogContains("script edited in the browser", restartedReplay);
        assertRefused(
                restartedReplay,
                DenialReason.REPLAY_NOT_ALLOWED,
                "Build #4 of job 'p' is a replay, and stage 'deploy' does not allow replayed builds");
        assertOnlyTheseReachedAws(CliPipelines.JOB, CliPipelines.JOB);
    }

    /**
     * A Declarative Pipeline whose second stage, the one restarted, says which script it runs before its block. No
     * agent or CLI: whether the block got a session is what counts here.
     */
    private static String declarative(String script) {
        return """
                pipeline {
                  agent none
                  stages {
                    stage('build') {
                      steps { echo 'building' }
                    }
                    stage('deploy') {
                      steps {
                        echo 'script %s'
                        withAwsRole(stage: 'deploy') { echo '%s' }
                      }
                    }
                  }
                }
                """.formatted(script, BODY_RAN);
    }

    /** "Restart from Stage" of a finished Declarative build, as its page does it; the restart, once finished. */
    private static WorkflowRun restartFromStage(WorkflowRun original, String stage) throws Exception {
        RestartDeclarativePipelineAction restart = original.getAction(RestartDeclarativePipelineAction.class);
        assertThat(restart).as("the Restart from Stage action of %s", original).isNotNull();
        assertThat(restart.getRestartableStages()).contains(stage);
        Queue.Item scheduled = restart.run(stage);
        assertThat(scheduled).as("the restart scheduled").isNotNull();
        return (WorkflowRun) scheduled.getFuture().get();
    }

    /** The Pipeline every build here runs: the stage's block, in which the CLI prints whom AWS sees. */
    private String deployBlock() {
        return """
                withAwsRole(stage: 'deploy') {
                  echo '%s'
                  node { sh '%s' }
                }
                """.formatted(BODY_RAN, account.callerIdentity("caller"));
    }

    private WorkflowJob pipeline() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, CliPipelines.JOB);
        p.setDefinition(CliPipelines.definition(deployBlock()));
        return p;
    }

    /** The mock repository with these branches, each with the Jenkinsfile of {@link #deployBlock()}. */
    private void repositoryWithBranches(String... branches) throws Exception {
        repositoryWithBranches(new MockRepositoryFlags[0], branches);
    }

    private void repositoryWithBranches(MockRepositoryFlags[] flags, String... branches) throws Exception {
        // It also gets a branch "master", without a Jenkinsfile: no job for it.
        scm.createRepository(REPOSITORY, flags);
        byte[] jenkinsfile = CliPipelines.jenkinsfile(deployBlock()).getBytes(UTF_8);
        for (String branch : branches) {
            scm.createBranch(REPOSITORY, branch);
            scm.addFile(REPOSITORY, branch, "Jenkinsfile", "Jenkinsfile", jenkinsfile);
        }
    }

    /** The multibranch project over the mock repository, indexed, every build the indexing started finished. */
    private WorkflowMultiBranchProject indexed(SCMSourceTrait... traits) throws Exception {
        WorkflowMultiBranchProject project = r.createProject(WorkflowMultiBranchProject.class, CliPipelines.JOB);
        project.getSourcesList().add(new BranchSource(new MockSCMSource(scm, REPOSITORY, traits)));
        assertThat(project.scheduleBuild2(0)).as("branch indexing scheduled").isNotNull();
        r.waitUntilNoActivity();
        return project;
    }

    private static WorkflowRun firstBuild(WorkflowMultiBranchProject project, String branch) {
        WorkflowJob job = project.getItem(branch);
        assertThat(job).as("the job of %s", branch).isNotNull();
        WorkflowRun build = job.getBuildByNumber(1);
        assertThat(build).as("the build the indexing started for %s", branch).isNotNull();
        return build;
    }

    /** Replays {@code original} as the Replay page does (its script unchanged, but a replay may edit it). */
    private WorkflowRun replay(WorkflowRun original) throws Exception {
        return rerun(original, false);
    }

    /** Runs {@code original}'s script again, as a replay or, {@code rebuilt}, as the Rebuild page does. */
    private WorkflowRun rerun(WorkflowRun original, boolean rebuilt) throws Exception {
        ReplayAction replay = original.getAction(ReplayAction.class);
        assertThat(replay).as("the Replay action of %s", original).isNotNull();
        return rerun(original, replay.getOriginalScript(), rebuilt);
    }

    /** Runs {@code script} in place of {@code original}'s, as the Replay page does with an edited script. */
    private WorkflowRun rerun(WorkflowRun original, String script, boolean rebuilt) throws Exception {
        ReplayAction replay = original.getAction(ReplayAction.class);
        assertThat(replay).as("the Replay action of %s", original).isNotNull();
        QueueTaskFuture<?> scheduled = replay.run(script, Map.of(), rebuilt);
        assertThat(scheduled).as("the rerun scheduled").isNotNull();
        return (WorkflowRun) scheduled.get(); // when the rerun has finished
    }

    private void assertTheCliSawTheRole(WorkflowRun b, String jobFullName) throws Exception {
        IssuedSession session = aws.sessions().stream()
                .filter(s -> s.subject().equals(subject(jobFullName)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No session for " + jobFullName));
        String log = JenkinsRule.getLog(b);
        assertThat(CliPipelines.callers(log)).containsExactly("caller=" + session.assumedRoleArn());
        account.assertNoSecretIn("the log of " + jobFullName, log);
    }

    /** STS was asked once for a build of each of these jobs and for nothing else: no refused build reached AWS. */
    private void assertOnlyTheseReachedAws(String... jobFullNames) {
        assertThat(aws.calls("AssumeRoleWithWebIdentity"))
                .as("AssumeRoleWithWebIdentity calls")
                .isEqualTo(jobFullNames.length);
        assertThat(aws.sessions())
                .extracting(IssuedSession::subject)
                .containsExactlyInAnyOrder(Stream.of(jobFullNames)
                        .map(AwsRoleRefusalsJenkinsTest::subject)
                        .toArray(String[]::new));
    }

    /** The token's {@code sub}: the job's name encoded ({@code p/release%2F1} is {@code p/release=252F1}). */
    private static String subject(String jobFullName) {
        return "job:" + SubjectEncoding.encode(jobFullName) + ":stage:deploy";
    }

    /**
     * {@code b} failed at the block with the rule's message (which {@code message} begins) and no stack trace, never
     * ran the block's body, and is in the audit trail as refused by {@code rule}.
     */
    private void assertRefused(WorkflowRun b, DenialReason rule, String message) throws Exception {
        r.assertBuildStatus(Result.FAILURE, b);
        String log = JenkinsRule.getLog(b);
        assertThat(log)
                .contains("No AWS credentials for stage 'deploy': " + message)
                .doesNotContain(BODY_RAN)
                .as("no stack trace")
                .doesNotContain("\tat ");
        String job = b.getParent().getFullName();
        List<AuditEvent> audit = AwsRoleService.get().audit().forBuild(job, b.getNumber());
        assertThat(audit)
                .extracting(AuditEvent::kind, AuditEvent::rule)
                .containsExactly(tuple(AuditEvent.Kind.REFUSED, rule.rule()));
    }
}
