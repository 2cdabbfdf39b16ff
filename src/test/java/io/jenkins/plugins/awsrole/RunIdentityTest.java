package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.InvisibleAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.RefType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jenkins.scm.api.SCMHead;
import jenkins.scm.api.SCMHeadOrigin;
import jenkins.scm.api.mixin.ChangeRequestSCMHead;
import jenkins.scm.api.mixin.TagSCMHead;
import org.jenkinsci.plugins.pipeline.modeldefinition.actions.RestartFlowFactoryAction;
import org.jenkinsci.plugins.pipeline.modeldefinition.causes.RestartDeclarativePipelineCause;
import org.jenkinsci.plugins.workflow.cps.CpsFlowFactoryAction2;
import org.jenkinsci.plugins.workflow.cps.replay.ReplayCause;
import org.junit.jupiter.api.Test;

/** Identity extraction from mocked runs: the declared Jenkins types throw, so every Jenkins object here is a mock. */
@SuppressWarnings({"rawtypes", "unchecked"})
class RunIdentityTest {

    private static final String ROOT = "https://jenkins.example.com/";

    private final List<Item> askedForHeads = new ArrayList<>();

    @Test
    void plainJobHasNoBranchAndAnAbsoluteBuildUrl() {
        Run run = run("team/app", 7, "job/team/job/app/7/");

        BuildIdentity identity = identify(run, null, ROOT);

        assertThat(identity)
                .isEqualTo(BuildIdentity.ofJob("team/app", 7, "https://jenkins.example.com/job/team/job/app/7/"));
        assertThat(askedForHeads).containsExactly(run.getParent());
    }

    @Test
    void withoutRootUrlThereIsNoBuildUrl() {
        BuildIdentity identity = identify(run("app", 3, "job/app/3/"), null, null);

        assertThat(identity.buildUrl()).isNull();
        assertThat(identity.jobFullName()).isEqualTo("app");
        assertThat(identity.buildNumber()).isEqualTo(3);
    }

    @Test
    void branchComesFromTheJobsHead() {
        SCMHead head = head("release/1.x");

        BuildIdentity identity = identify(run("org/repo/release%2F1.x", 12, "job/x/12/"), head, ROOT);

        assertThat(identity.branch()).isEqualTo("release/1.x");
        assertThat(identity.refType()).isEqualTo(RefType.BRANCH);
        assertThat(identity.tag()).isNull();
        assertThat(identity.jobFullName()).isEqualTo("org/repo/release%2F1.x");
        assertThat(identity.isChangeRequest()).isFalse();
        assertThat(identity.fromFork()).isFalse();
        assertThat(identity.replayed()).isFalse();
    }

    /** branch-api gives a tag's job the tag's name as BRANCH_NAME too; the plugin must not take it for a branch. */
    @Test
    void aTagIsATagAndNotABranch() {
        SCMHead head = tag("release/x");

        BuildIdentity identity = identify(run("org/repo/release%2Fx", 4, "job/x/4/"), head, ROOT);

        assertThat(identity.tag()).isEqualTo("release/x");
        assertThat(identity.branch()).isNull();
        assertThat(identity.refType()).isEqualTo(RefType.TAG);
        assertThat(identity.isChangeRequest()).isFalse();
    }

    @Test
    void aReplayedTagIsReplayed() {
        Run run = run("org/repo/v1", 5, "job/x/5/");
        List<Cause> causesOfRun = List.of(replay(false, run("org/repo/v1", 4, "job/x/4/")));
        when(run.getCauses()).thenReturn(causesOfRun);

        BuildIdentity identity = identify(run, tag("v1"), ROOT);

        assertThat(identity.replayed()).isTrue();
        assertThat(identity.tag()).isEqualTo("v1");
    }

    @Test
    void changeRequestFromTheSameRepository() {
        SCMHead head = changeRequest("PR-12", "12", mock(SCMHeadOrigin.class));

        BuildIdentity identity = identify(run("org/repo/PR-12", 1, "job/x/1/"), head, ROOT);

        assertThat(identity.branch()).isEqualTo("PR-12");
        assertThat(identity.changeRequestId()).isEqualTo("12");
        assertThat(identity.fromFork()).isFalse();
    }

    @Test
    void changeRequestFromAFork() {
        SCMHead head = changeRequest("PR-13", "13", mock(SCMHeadOrigin.Fork.class));

        BuildIdentity identity = identify(run("org/repo/PR-13", 2, "job/x/2/"), head, ROOT);

        assertThat(identity.changeRequestId()).isEqualTo("13");
        assertThat(identity.fromFork()).isTrue();
    }

    @Test
    void aForkOriginOnAPlainBranchIsNotAForkedChangeRequest() {
        SCMHead head = head("feature");
        when(head.getOrigin()).thenReturn(mock(SCMHeadOrigin.Fork.class));

        BuildIdentity identity = identify(run("org/repo/feature", 2, "job/x/2/"), head, ROOT);

        assertThat(identity.fromFork()).isFalse();
        assertThat(identity.isChangeRequest()).isFalse();
    }

    @Test
    void replayIsReplayed() {
        Run run = run("app", 5, "job/app/5/");
        List<Cause> causesOfRun = List.of(mock(Cause.class), replay(false, run("app", 4, "job/app/4/")));
        when(run.getCauses()).thenReturn(causesOfRun);

        assertThat(identify(run, null, ROOT).replayed()).isTrue();
    }

    @Test
    void rebuildOfAnOrdinaryBuildIsNotReplayed() {
        Run original = run("app", 4, "job/app/4/");
        Run run = run("app", 5, "job/app/5/");
        List<Cause> causesOfRun = List.of(replay(true, original));
        when(run.getCauses()).thenReturn(causesOfRun);

        assertThat(identify(run, null, ROOT).replayed()).isFalse();
    }

    @Test
    void rebuildOfAReplayRunsTheEditedScriptSoIsReplayed() {
        Run replayed = run("app", 4, "job/app/4/");
        List<Cause> causesOfReplayed = List.of(replay(false, run("app", 3, "job/app/3/")));
        when(replayed.getCauses()).thenReturn(causesOfReplayed);
        Run rebuilt = run("app", 5, "job/app/5/");
        List<Cause> causesOfRebuilt = List.of(replay(true, replayed));
        when(rebuilt.getCauses()).thenReturn(causesOfRebuilt);
        Run rebuiltAgain = run("app", 6, "job/app/6/");
        List<Cause> causesOfRebuiltAgain = List.of(replay(true, rebuilt));
        when(rebuiltAgain.getCauses()).thenReturn(causesOfRebuiltAgain);

        assertThat(identify(rebuilt, null, ROOT).replayed()).isTrue();
        assertThat(identify(rebuiltAgain, null, ROOT).replayed()).isTrue();
    }

    @Test
    void rebuildWhoseOriginalIsGoneCountsAsReplayed() {
        Run run = run("app", 5, "job/app/5/");
        List<Cause> causesOfRun = List.of(replay(true, null));
        when(run.getCauses()).thenReturn(causesOfRun);

        assertThat(identify(run, null, ROOT).replayed()).isTrue();
    }

    @Test
    void restartFromStageOfAReplayRunsTheEditedScriptSoIsReplayed() {
        Run replayed = run("app", 4, "job/app/4/");
        List<Cause> causesOfReplayed = List.of(replay(false, run("app", 3, "job/app/3/")));
        when(replayed.getCauses()).thenReturn(causesOfReplayed);
        Run restarted = restartOf(replayed, "app#4", 5);

        assertThat(identify(restarted, null, ROOT).replayed()).isTrue();
    }

    @Test
    void restartFromStageOfAnOrdinaryBuildIsNotReplayed() {
        Run original = run("app", 4, "job/app/4/");
        Run restarted = restartOf(original, "app#4", 5);

        assertThat(identify(restarted, null, ROOT).replayed()).isFalse();
    }

    @Test
    void restartOfARestartOfARebuildOfAReplayIsReplayed() {
        Run replayed = run("app", 2, "job/app/2/");
        List<Cause> causesOfReplayed = List.of(replay(false, run("app", 1, "job/app/1/")));
        when(replayed.getCauses()).thenReturn(causesOfReplayed);
        Run rebuilt = run("app", 3, "job/app/3/");
        List<Cause> causesOfRebuilt = List.of(replay(true, replayed));
        when(rebuilt.getCauses()).thenReturn(causesOfRebuilt);
        Run restarted = restartOf(rebuilt, "app#3", 4);
        Run restartedAgain = restartOf(restarted, "app#4", 5);

        assertThat(identify(restartedAgain, null, ROOT).replayed()).isTrue();
    }

    @Test
    void restartWhoseOriginalIsGoneCountsAsReplayed() {
        Run restarted = restartOf(null, "app#4", 5);

        assertThat(identify(restarted, null, ROOT).replayed()).isTrue();
    }

    @Test
    void restartOfARunOfAnotherJobCountsAsReplayed() {
        Run elsewhere = run("other", 4, "job/other/4/");
        Run restarted = restartOf(elsewhere, "other#4", 5);

        assertThat(identify(restarted, null, ROOT).replayed()).isTrue();
    }

    @Test
    void restartWithAnUnreadableOriginCountsAsReplayed() {
        Run restarted = restartOf(run("app", 4, "job/app/4/"), "app#four", 5);

        assertThat(identify(restarted, null, ROOT).replayed()).isTrue();
    }

    /** Whatever plugin attached it, a flow factory action means the script is not the one the job defines. */
    @Test
    void aFlowFactoryActionThisPluginDoesNotKnowCountsAsReplayed() {
        Run run = run("app", 5, "job/app/5/");
        List actions = List.of(mock(CpsFlowFactoryAction2.class));
        when(run.getAllActions()).thenReturn(actions);

        assertThat(identify(run, null, ROOT).replayed()).isTrue();
    }

    @Test
    void aRebuildThatAlsoCarriesAnUnknownFlowFactoryCountsAsReplayed() {
        Run original = run("app", 4, "job/app/4/");
        Run run = run("app", 5, "job/app/5/");
        List<Cause> causesOfRun = List.of(replay(true, original));
        when(run.getCauses()).thenReturn(causesOfRun);
        List actions = List.of(mock(CpsFlowFactoryAction2.class));
        when(run.getAllActions()).thenReturn(actions);

        assertThat(identify(run, null, ROOT).replayed()).isTrue();
    }

    @Test
    void otherActionsDoNotMakeARunAReplay() {
        Run run = run("app", 5, "job/app/5/");
        List actions = List.of(mock(Action.class), mock(InvisibleAction.class));
        when(run.getAllActions()).thenReturn(actions);

        assertThat(identify(run, null, ROOT).replayed()).isFalse();
    }

    @Test
    void otherCausesAreNotReplays() {
        Run run = run("app", 5, "job/app/5/");
        List<Cause> causesOfRun = List.of(mock(Cause.class));
        when(run.getCauses()).thenReturn(causesOfRun);

        assertThat(identify(run, null, ROOT).replayed()).isFalse();
    }

    private BuildIdentity identify(Run run, SCMHead head, String rootUrl) {
        Function<Item, SCMHead> heads = item -> {
            askedForHeads.add(item);
            return head;
        };
        return new RunIdentity(heads, rootUrl).identify(run);
    }

    private static Run run(String fullName, int number, String url) {
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn(fullName);
        Run run = mock(Run.class);
        when(run.getParent()).thenReturn(job);
        when(run.getNumber()).thenReturn(number);
        when(run.getUrl()).thenReturn(url);
        when(run.getCauses()).thenReturn(List.of());
        return run;
    }

    private static SCMHead head(String name) {
        SCMHead head = mock(SCMHead.class);
        when(head.getName()).thenReturn(name);
        when(head.getOrigin()).thenReturn(mock(SCMHeadOrigin.class));
        return head;
    }

    private static SCMHead tag(String name) {
        SCMHead head = mock(SCMHead.class, withSettings().extraInterfaces(TagSCMHead.class));
        when(head.getName()).thenReturn(name);
        when(head.getOrigin()).thenReturn(mock(SCMHeadOrigin.class));
        return head;
    }

    private static SCMHead changeRequest(String name, String id, SCMHeadOrigin origin) {
        SCMHead head = mock(SCMHead.class, withSettings().extraInterfaces(ChangeRequestSCMHead.class));
        when(head.getName()).thenReturn(name);
        when(head.getOrigin()).thenReturn(origin);
        when(((ChangeRequestSCMHead) head).getId()).thenReturn(id);
        return head;
    }

    /**
     * Build {@code number} of job {@code app} as Declarative's "Restart from Stage" schedules it: the restart's flow
     * factory action naming its origin by id, a user cause and the restart cause; {@code original} is what the job
     * finds under the id's number.
     */
    private static Run restartOf(Run original, String originId, int number) {
        Run restarted = run("app", number, "job/app/" + number + "/");
        Job job = restarted.getParent();
        int originNumber = original == null ? number - 1 : original.getNumber();
        when(job.getBuildByNumber(originNumber)).thenReturn(original);
        RestartFlowFactoryAction restart = mock(RestartFlowFactoryAction.class);
        when(restart.getOriginRunId()).thenReturn(originId);
        List actions = List.of(mock(Action.class), restart);
        when(restarted.getAllActions()).thenReturn(actions);
        List<Cause> causes = List.of(mock(Cause.UserIdCause.class), mock(RestartDeclarativePipelineCause.class));
        when(restarted.getCauses()).thenReturn(causes);
        return restarted;
    }

    /** A mock of the real class, so its class name is the one workflow-cps uses (inline mocks do not subclass). */
    private static ReplayCause replay(boolean rebuilt, Run original) {
        ReplayCause cause = mock(ReplayCause.class);
        when(cause.isRebuilt()).thenReturn(rebuilt);
        when(cause.getOriginal()).thenReturn(original);
        return cause;
    }
}
