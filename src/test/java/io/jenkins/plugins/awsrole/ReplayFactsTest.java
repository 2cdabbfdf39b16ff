package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.Run;
import java.util.List;
import org.jenkinsci.plugins.pipeline.modeldefinition.actions.RestartFlowFactoryAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowFactoryAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowFactoryAction2;
import org.jenkinsci.plugins.workflow.cps.replay.ReplayCause;
import org.junit.jupiter.api.Test;

/** The cases where {@link ReplayFacts} cannot be sure, each of which must answer "replayed". */
@SuppressWarnings({"rawtypes", "unchecked"})
class ReplayFactsTest {

    @Test
    void theCauseIsRecognisedByTheNameWorkflowCpsGivesIt() {
        assertThat(ReplayFacts.REPLAY_CAUSE).isEqualTo(ReplayCause.class.getName());
    }

    @Test
    @SuppressWarnings("deprecation")
    void theFlowFactoriesAreRecognisedByTheNamesTheirPluginsGiveThem() throws Exception {
        assertThat(ReplayFacts.FLOW_FACTORY).isEqualTo(CpsFlowFactoryAction2.class.getName());
        assertThat(ReplayFacts.OLD_FLOW_FACTORY).isEqualTo(CpsFlowFactoryAction.class.getName());
        assertThat(ReplayFacts.RESTART_FLOW_FACTORY).isEqualTo(RestartFlowFactoryAction.class.getName());
        assertThat(RestartFlowFactoryAction.class.getMethod("getOriginRunId").getReturnType())
                .isEqualTo(String.class);
        // Package-private in workflow-cps, so only its name can be checked, and that it is a flow factory.
        assertThat(CpsFlowFactoryAction2.class.isAssignableFrom(Class.forName(ReplayFacts.REPLAY_FLOW_FACTORY)))
                .isTrue();
        assertThat(ReplayFacts.isA(RestartFlowFactoryAction.class, ReplayFacts.FLOW_FACTORY))
                .isTrue();
        assertThat(ReplayFacts.isA(ReplayCause.class, ReplayFacts.FLOW_FACTORY)).isFalse();
    }

    @Test
    void aRestartWhoseOriginCannotBeReadHasNone() {
        Run run = mock(Run.class);

        assertThat(ReplayFacts.restartOrigin(run, new Object())).isNull();
    }

    @Test
    void aWorkflowCpsWithoutIsRebuiltCannotTellSoItIsAReplay() {
        assertThat(ReplayFacts.isRebuilt(new Object())).isFalse();
    }

    @Test
    void anIsRebuiltThatThrowsCountsAsAReplay() {
        ReplayCause cause = mock(ReplayCause.class);
        when(cause.isRebuilt()).thenThrow(new IllegalStateException("boom"));

        assertThat(ReplayFacts.isRebuilt(cause)).isFalse();
    }

    @Test
    void anOriginalThatCannotBeLoadedIsGone() {
        ReplayCause cause = mock(ReplayCause.class);
        when(cause.getOriginal()).thenThrow(new NullPointerException("run not attached yet"));

        assertThat(ReplayFacts.original(cause)).isNull();
    }

    @Test
    void anEndlessChainOfRebuildsStopsAndCountsAsReplayed() {
        Run run = mock(Run.class);
        ReplayCause rebuildOfItself = mock(ReplayCause.class);
        when(rebuildOfItself.isRebuilt()).thenReturn(true);
        when(rebuildOfItself.getOriginal()).thenReturn(run);
        List<ReplayCause> causes = List.of(rebuildOfItself);
        when(run.getCauses()).thenReturn((List) causes);

        assertThat(ReplayFacts.isReplayed(run)).isTrue();
    }
}
