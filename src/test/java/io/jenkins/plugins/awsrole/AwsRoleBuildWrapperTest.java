package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.ExtensionList;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.session.BrokerSettings;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.session.SessionBroker;
import io.jenkins.plugins.awsrole.engine.session.SessionRequest;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jenkins.tasks.SimpleBuildWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

/**
 * The wrapper's setUp after the build's facts are read ({@code start}): refusals, the environment plan bound through
 * the Context, the secrets handed to the already decorated log, and the clean-up, without a running Jenkins: Context
 * and Secret (whose encryption needs a Jenkins) are mocked; the broker is real where it refuses. The wrapper in a real
 * build is {@code AwsRoleBuildWrapperJenkinsTest}'s.
 */
class AwsRoleBuildWrapperTest {

    private static final String KEY_ID = AwsEnvironmentTest.KEY_ID;
    private static final String SECRET_KEY = AwsEnvironmentTest.SECRET_KEY;
    private static final String TOKEN = AwsEnvironmentTest.TOKEN;
    private static final Instant EXPIRATION = AwsEnvironmentTest.EXPIRATION;
    private static final String ROLE = "arn:aws:sts::123456789012:assumed-role/deploy/jenkins-app-12-freestyle";
    private static final String SESSION_NAME = "jenkins-app-12-freestyle";

    private final BuildIdentity identity = BuildIdentity.ofJob("team/app", 12, "https://jenkins.example/job/app/12/");
    private final String buildId = "team/app#12-" + System.nanoTime();
    private final Map<String, String> bound = new HashMap<>();
    private final AuditLog audit = new AuditLog();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private SimpleBuildWrapper.Context context;
    private TaskListener listener;
    private MockedStatic<Secret> secrets;

    @BeforeEach
    void declaredTypes() {
        context = mock(SimpleBuildWrapper.Context.class);
        doAnswer(call -> bound.put(call.getArgument(0), call.getArgument(1)))
                .when(context)
                .env(anyString(), anyString());
        when(context.getEnv()).thenReturn(bound);
        listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(console, true, StandardCharsets.UTF_8));
        secrets = mockStatic(Secret.class);
        secrets.when(() -> Secret.fromString(anyString())).thenAnswer(call -> {
            String plain = call.getArgument(0);
            Secret secret = mock(Secret.class);
            when(secret.getPlainText()).thenReturn(plain);
            return secret;
        });
    }

    @AfterEach
    void release() {
        secrets.close();
        FreestyleLogMasks.INSTANCE.forget(buildId);
    }

    private static AwsRoleBuildWrapper wrapper() {
        AwsRoleBuildWrapper wrapper = new AwsRoleBuildWrapper(" deploy ");
        wrapper.setRegion("eu-west-1");
        wrapper.setDuration(1800);
        return wrapper;
    }

    private static SessionBroker granting(String region) throws InterruptedException {
        return granting(region, false);
    }

    private static SessionBroker granting(String region, boolean revocation) throws InterruptedException {
        SessionBroker broker = mock(SessionBroker.class);
        RoleSession session = new RoleSession(
                KEY_ID, SECRET_KEY, TOKEN, EXPIRATION, ROLE, "AROAEXAMPLE:" + SESSION_NAME, SESSION_NAME, "sub", "aud");
        when(broker.obtain(any()))
                .thenReturn(new GrantedSession(
                        session,
                        TrustMapping.builder()
                                .stage("deploy")
                                .roleArn("arn:aws:iam::123456789012:role/deploy")
                                .jobs(List.of("app"))
                                .revocation(revocation)
                                .build(),
                        region));
        return broker;
    }

    /** Held in a field, as the build's listener holds it: the registry only holds it weakly. */
    private OutputStream decorated;

    private OutputStream decoratedLog(ByteArrayOutputStream log) throws Exception {
        decorated = wrapper().createLoggerDecorator(run()).decorateLogger((Run<?, ?>) null, log);
        return decorated;
    }

    private Run<?, ?> run() {
        Run<?, ?> run = mock(Run.class);
        when(run.getExternalizableId()).thenReturn(buildId);
        return run;
    }

    @Test
    void asksTheBrokerForTheStageWithTheNarrowingAndTheFreestyleBlockId() throws Exception {
        decoratedLog(new ByteArrayOutputStream());
        SessionBroker broker = granting("eu-west-1");

        wrapper().start(context, buildId, listener, broker, identity, audit);

        ArgumentCaptor<SessionRequest> request = ArgumentCaptor.forClass(SessionRequest.class);
        verify(broker).obtain(request.capture());
        assertThat(request.getValue())
                .isEqualTo(new SessionRequest("deploy", identity, "freestyle", "eu-west-1", 1800));
    }

    @Test
    void bindsTheEnvironmentPlanAndRemovesTheConflictingVariablesThroughEmptyValues() throws Exception {
        decoratedLog(new ByteArrayOutputStream());

        wrapper().start(context, buildId, listener, granting("eu-west-1"), identity, audit);

        AwsEnvironment.Plan plan = AwsEnvironment.of(KEY_ID, SECRET_KEY, TOKEN, EXPIRATION, "eu-west-1")
                .plan();
        assertThat(bound).containsAllEntriesOf(plan.set());
        assertThat(plan.remove()).allSatisfy(name -> assertThat(bound).containsEntry(name, ""));
        assertThat(bound).hasSize(plan.set().size() + plan.remove().size());
        assertThat(bound)
                .contains(
                        entry("AWS_ACCESS_KEY_ID", KEY_ID),
                        entry("AWS_REGION", "eu-west-1"),
                        entry("AWS_PROFILE", ""),
                        entry("AWS_ROLE_ARN", ""),
                        entry("AWS_WEB_IDENTITY_TOKEN_FILE", ""));
    }

    @Test
    void theLogDecoratedBeforeSetUpMasksTheSessionAndTheLogLineShowsNoSecret() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        OutputStream decorated = decoratedLog(log);

        wrapper().start(context, buildId, listener, granting(null), identity, audit);
        decorated.write(("$ env\nAWS_SECRET_ACCESS_KEY=" + bound.get("AWS_SECRET_ACCESS_KEY") + "\nAWS_SESSION_TOKEN="
                        + bound.get("AWS_SESSION_TOKEN") + "\nAWS_ACCESS_KEY_ID=" + KEY_ID + "\n")
                .getBytes(StandardCharsets.UTF_8));
        decorated.close();

        assertThat(log.toString(StandardCharsets.UTF_8))
                .isEqualTo("$ env\nAWS_SECRET_ACCESS_KEY=****\nAWS_SESSION_TOKEN=****\nAWS_ACCESS_KEY_ID=****\n");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("stage 'deploy'", ROLE, SESSION_NAME, "2026-11-25T21:00:00Z")
                .doesNotContain(KEY_ID, SECRET_KEY, TOKEN);
    }

    @Test
    void aRefusalFailsTheBuildWithTheRuleItFailedAndBindsNothing() throws Exception {
        decoratedLog(new ByteArrayOutputStream());
        SessionBroker refusing = new SessionBroker(TrustMappings.of(List.of()), null, null, BrokerSettings.defaults());

        assertThatThrownBy(() -> wrapper().start(context, buildId, listener, refusing, identity, audit))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("No AWS credentials for stage 'deploy': ")
                .hasMessageContaining("deploy");
        assertThat(bound).isEmpty();
        verify(context, org.mockito.Mockito.never()).setDisposer(any());
    }

    @Test
    void aMappingForOtherJobsIsARefusalNamingTheRule() throws Exception {
        decoratedLog(new ByteArrayOutputStream());
        TrustMapping otherJobs = TrustMapping.builder()
                .stage("deploy")
                .roleArn("arn:aws:iam::123456789012:role/deploy")
                .jobs("other/*")
                .build();
        SessionBroker refusing =
                new SessionBroker(TrustMappings.of(List.of(otherJobs)), null, null, BrokerSettings.defaults());

        assertThatThrownBy(() -> wrapper().start(context, buildId, listener, refusing, identity, audit))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("No AWS credentials for stage 'deploy': ")
                .hasMessageContaining("team/app");
    }

    @Test
    void anStsErrorFailsTheBuildWithItsMessage() throws Exception {
        decoratedLog(new ByteArrayOutputStream());
        SessionBroker broker = mock(SessionBroker.class);
        when(broker.obtain(any()))
                .thenThrow(new StsExchangeException(
                        "AccessDenied", 403, false, 1, "Not authorized to perform sts:AssumeRoleWithWebIdentity"));

        assertThatThrownBy(() -> wrapper().start(context, buildId, listener, broker, identity, audit))
                .isInstanceOf(AbortException.class)
                .hasMessage("No AWS credentials for stage 'deploy': "
                        + "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    @Test
    void anIssuerThatCannotBeSetUpFailsTheBuildWithItsMessage() throws Exception {
        decoratedLog(new ByteArrayOutputStream());
        SessionBroker broker = mock(SessionBroker.class);
        when(broker.obtain(any())).thenThrow(new IllegalArgumentException("Set the Jenkins URL."));

        assertThatThrownBy(() -> wrapper().start(context, buildId, listener, broker, identity, audit))
                .isInstanceOf(AbortException.class)
                .hasMessage("No AWS credentials for stage 'deploy': Set the Jenkins URL.");
    }

    @Test
    void withoutALogDecoratedBeforeSetUpTheWrapperRefusesBeforeAskingForASession() throws Exception {
        SessionBroker broker = mock(SessionBroker.class);

        // Pipeline's wrap step calls setUp first and decorates the log afterwards.
        assertThatThrownBy(() -> wrapper().setUp(context, run(), listener, null))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("freestyle builds only")
                .hasMessageContaining("withAwsRole");
        verifyNoInteractions(broker);
        assertThat(bound).isEmpty();
    }

    @Test
    void theDisposerEmptiesTheCredentialsInTheBuildEnvironmentAndSerializesWithoutThem() throws Exception {
        decoratedLog(new ByteArrayOutputStream());
        wrapper().start(context, buildId, listener, granting("eu-west-1"), identity, audit);
        ArgumentCaptor<SimpleBuildWrapper.Disposer> disposer =
                ArgumentCaptor.forClass(SimpleBuildWrapper.Disposer.class);
        verify(context).setDisposer(disposer.capture());

        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
            out.writeObject(disposer.getValue());
        }
        disposer.getValue().tearDown(null, listener);

        assertThat(serialized.toString(StandardCharsets.ISO_8859_1))
                .contains(SESSION_NAME)
                .doesNotContain(KEY_ID, SECRET_KEY, TOKEN);
        assertThat(bound)
                .contains(
                        entry("AWS_ACCESS_KEY_ID", ""),
                        entry("AWS_SECRET_ACCESS_KEY", ""),
                        entry("AWS_SESSION_TOKEN", ""),
                        entry("AWS_CREDENTIAL_EXPIRATION", ""));
        assertThat(FreestyleLogMasks.INSTANCE.isAttached(buildId)).isFalse();
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("AWS credentials for stage 'deploy' (session " + SESSION_NAME + ") removed");
    }

    @Test
    void theDisposerOfAMappingWithRevocationOnRevokesAndNeverFailsTheBuild() throws Exception {
        decoratedLog(new ByteArrayOutputStream());
        SessionBroker broker = granting("eu-west-1", true);
        wrapper().start(context, buildId, listener, broker, identity, audit);
        ArgumentCaptor<SimpleBuildWrapper.Disposer> disposer =
                ArgumentCaptor.forClass(SimpleBuildWrapper.Disposer.class);
        verify(context).setDisposer(disposer.capture());
        AwsRoleService service = mock(AwsRoleService.class);
        when(service.audit()).thenReturn(audit);
        when(service.revocationProblems()).thenReturn(new RevocationProblems());
        when(service.revoker(anyString())).thenThrow(new IllegalArgumentException("no Jenkins URL is configured"));

        try (MockedStatic<ExtensionList> extensions = mockStatic(ExtensionList.class)) {
            extensions
                    .when(() -> ExtensionList.lookupSingleton(AwsRoleService.class))
                    .thenReturn(service);
            disposer.getValue().tearDown(null, listener);
        }

        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("removed from the build environment")
                .contains("AWS session of stage 'deploy' could not be revoked; the build result is unchanged."
                        + " Cannot revoke the session: no Jenkins URL is configured");
        assertThat(audit.forBuild("team/app", 12))
                .extracting(AuditEvent::kind, AuditEvent::sessionName)
                .containsExactly(
                        tuple(AuditEvent.Kind.SESSION_OBTAINED, SESSION_NAME),
                        tuple(AuditEvent.Kind.REVOCATION_FAILED, SESSION_NAME));
    }

    @Test
    void theDisposerWithoutARevocationRoleSaysTheCredentialsStayValid() throws Exception {
        decoratedLog(new ByteArrayOutputStream());
        wrapper().start(context, buildId, listener, granting("eu-west-1", true), identity, audit);
        ArgumentCaptor<SimpleBuildWrapper.Disposer> disposer =
                ArgumentCaptor.forClass(SimpleBuildWrapper.Disposer.class);
        verify(context).setDisposer(disposer.capture());
        AwsRoleService service = mock(AwsRoleService.class);
        when(service.revocationProblems()).thenReturn(new RevocationProblems());

        try (MockedStatic<ExtensionList> extensions = mockStatic(ExtensionList.class)) {
            extensions
                    .when(() -> ExtensionList.lookupSingleton(AwsRoleService.class))
                    .thenReturn(service);
            disposer.getValue().tearDown(null, listener);
        }

        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("is not revoked: no revocation role is configured")
                .contains("stay valid at AWS until " + AwsEnvironment.formatExpiration(EXPIRATION));
    }

    /** Issue 13, item 6: with "Fail the build when revocation fails" on, a session left live fails the build. */
    @Test
    void theDisposerFailsTheBuildWhenTheSessionIsLeftLiveAndTheAdministratorAsks() throws Exception {
        decoratedLog(new ByteArrayOutputStream());
        wrapper().start(context, buildId, listener, granting("eu-west-1", true), identity, audit);
        ArgumentCaptor<SimpleBuildWrapper.Disposer> disposer =
                ArgumentCaptor.forClass(SimpleBuildWrapper.Disposer.class);
        verify(context).setDisposer(disposer.capture());
        AwsRoleService service = mock(AwsRoleService.class);
        RevocationProblems problems = new RevocationProblems();
        when(service.audit()).thenReturn(audit);
        when(service.revocationProblems()).thenReturn(problems);
        when(service.failOnRevocationFailure()).thenReturn(true);
        when(service.revoker(anyString())).thenThrow(new IllegalArgumentException("no Jenkins URL is configured"));
        Run<?, ?> build = mock(Run.class);

        try (MockedStatic<ExtensionList> extensions = mockStatic(ExtensionList.class)) {
            extensions
                    .when(() -> ExtensionList.lookupSingleton(AwsRoleService.class))
                    .thenReturn(service);
            disposer.getValue().tearDown(build, listener);
        }

        verify(build).setResult(Result.FAILURE);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("could not be revoked, and the build fails for it")
                .contains("\"Fail the build when revocation fails\" is on: the build fails.");
        assertThat(problems.list())
                .extracting(RevocationProblems.Problem::kind)
                .containsExactly(RevocationProblems.Kind.FAILED);
    }

    @Test
    void theStageListKeepsAConfiguredStageThatNoMappingOffersAnyMore() {
        assertThat(AwsRoleBuildWrapper.DescriptorImpl.stageChoices(List.of("build", "deploy"), "deploy"))
                .containsExactly("build", "deploy");
        assertThat(AwsRoleBuildWrapper.DescriptorImpl.stageChoices(List.of("build"), " rollback "))
                .containsExactly("rollback", "build");
        assertThat(AwsRoleBuildWrapper.DescriptorImpl.stageChoices(List.of(), null))
                .isEmpty();
    }

    @Test
    void theWrapperNeedsNoWorkspace() {
        assertThat(wrapper().requiresWorkspace()).isFalse();
        assertThat(wrapper().getStage()).isEqualTo("deploy");
    }
}
