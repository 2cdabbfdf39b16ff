package io.jenkins.plugins.awsrole;

import static io.jenkins.plugins.awsrole.AwsEnvironmentTest.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import hudson.AbortException;
import hudson.ExtensionList;
import hudson.console.ConsoleLogFilter;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeAws;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeClock;
import io.jenkins.plugins.awsrole.engine.fakeaws.FakeRole;
import io.jenkins.plugins.awsrole.engine.fakeaws.Faults;
import io.jenkins.plugins.awsrole.engine.fakeaws.IssuedSession;
import io.jenkins.plugins.awsrole.engine.fakeaws.RealIssuerWorld;
import io.jenkins.plugins.awsrole.engine.oidc.IssuerHttpServer;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.revoke.Revoker;
import io.jenkins.plugins.awsrole.engine.revoke.RevokerCredentials;
import io.jenkins.plugins.awsrole.engine.revoke.RevokerPolicies;
import io.jenkins.plugins.awsrole.engine.revoke.RevokerSettings;
import io.jenkins.plugins.awsrole.engine.session.BrokerSettings;
import io.jenkins.plugins.awsrole.engine.session.ControllerSessions;
import io.jenkins.plugins.awsrole.engine.session.RefreshSchedule;
import io.jenkins.plugins.awsrole.engine.session.SessionBroker;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.trust.DenialReason;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.model.Jenkins;
import jenkins.scm.api.SCMHead;
import jenkins.scm.api.SCMHeadOrigin;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Both ends of a {@code withAwsRole} block over a mocked step context, with real peers behind it: a real
 * {@link SessionBroker} with the plugin's own issuer served over HTTP, the real AWS SDK, and the local AWS server,
 * which checks the token and the role's trust policy. Jenkins' static entry points that need a running Jenkins
 * ({@code ExtensionList}, {@code Jenkins}, {@code SCMHead.HeadByItem}, {@code Secret}, the two merge helpers) are
 * mocked, so that the races of a block's ends can be driven with latches in milliseconds; Pipeline itself running the
 * block is the live tests' job ({@code AwsRoleStepJenkinsTest}, {@code AwsRoleBlockLifecycleJenkinsTest}).
 */
@SuppressWarnings({"rawtypes", "unchecked"})
class AwsRoleBlockTest {

    /** The session names of blocks 7 and 9 of build 42 of team/app/main, and of block 7's renewals. */
    private static final String S7 = SessionNames.forBlock("team/app/main", 42, "7");

    private static final String S7F1 = SessionNames.forBlock("team/app/main", 42, "7f1");
    private static final String S7R1 = SessionNames.forBlock("team/app/main", 42, "7r1");
    private static final String S9 = SessionNames.forBlock("team/app/main", 42, "9");

    private static final String ROOT = "https://jenkins.example.com/";
    private static final String DEPLOY_SUB = "job:team/app/main:stage:deploy";
    private static final Duration RESUME_DELAY = Duration.ofSeconds(37);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private FakeClock clock;
    private FakeAws aws;
    private IssuerHttpServer issuerServer;
    private OidcIssuer issuer;
    private StsExchange sts;
    private String providerArn;
    private final List<MockedStatic<?>> statics = new ArrayList<>();
    private MockedStatic<EnvironmentExpander> expanders;
    private MockedStatic<BodyInvoker> invokers;
    private final AwsRoleService service = mock(AwsRoleService.class);
    private final AuditLog audit = new AuditLog();
    private final List<Revoker> revokers = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<Object> contexts = new ArrayList<>();
    private final List<BodyExecutionCallback> callbacks = new ArrayList<>();
    private int bodiesStarted;
    private final BodyExecution body = mock(BodyExecution.class, withSettings().serializable());
    private final ScheduledExecutorService timer = mock(ScheduledExecutorService.class);
    /** What the block put on the timer, in order; a test runs a task itself instead of waiting for it. */
    private final List<Scheduled> scheduled = new ArrayList<>();
    /** Where the block's start and end run; on the test's thread unless a test needs them concurrent. */
    private Executor blockWork = Runnable::run;
    /** Where the timer hands renewals; on the test's thread unless a test holds them. */
    private Executor renewals = Runnable::run;

    private final RevocationProblems problems = new RevocationProblems();

    private SCMHead head;

    private RealIssuerWorld world;

    @BeforeEach
    void start() throws Exception {
        world = RealIssuerWorld.start(5);
        clock = world.clock;
        aws = world.aws;
        issuerServer = world.issuerServer;
        issuer = world.issuer;
        providerArn = world.providerArn;
        sts = world.sts;
        head = head("main");
        when(service.audit()).thenReturn(audit);
        doCallRealMethod().when(service).obtain(any()); // with the broker and audit trail stubbed here
        when(service.refreshSchedule())
                .thenAnswer(call -> new RefreshSchedule(RefreshSchedule.DEFAULT_THRESHOLD, clock));
        when(service.timer()).thenReturn(timer);
        when(service.blockWork()).thenAnswer(call -> blockWork);
        when(service.renewals()).thenAnswer(call -> renewals);
        when(service.revocationProblems()).thenReturn(problems);
        when(service.resumeDelay(any())).thenReturn(RESUME_DELAY);
        when(timer.schedule(any(Runnable.class), anyLong(), any(TimeUnit.class)))
                .thenAnswer(call -> {
                    ScheduledFuture<?> future = mock(ScheduledFuture.class);
                    scheduled.add(new Scheduled(
                            call.getArgument(0),
                            Duration.ofMillis(((TimeUnit) call.getArgument(2)).toMillis(call.getArgument(1))),
                            future));
                    return future;
                });

        MockedStatic<ExtensionList> extensions = mockStatic(ExtensionList.class);
        extensions
                .when(() -> ExtensionList.lookupSingleton(AwsRoleService.class))
                .thenReturn(service);
        statics.add(extensions);
        Jenkins jenkins = mock(Jenkins.class);
        when(jenkins.getRootUrl()).thenReturn(ROOT);
        MockedStatic<Jenkins> jenkinsStatic = mockStatic(Jenkins.class);
        jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
        statics.add(jenkinsStatic);
        MockedStatic<SCMHead.HeadByItem> heads = mockStatic(SCMHead.HeadByItem.class);
        heads.when(() -> SCMHead.HeadByItem.findHead(any())).thenAnswer(call -> head);
        statics.add(heads);
        MockedStatic<Secret> secrets = mockStatic(Secret.class);
        secrets.when(() -> Secret.fromString(anyString())).thenAnswer(call -> secret(call.getArgument(0)));
        statics.add(secrets);
        expanders = mockStatic(EnvironmentExpander.class);
        expanders.when(() -> EnvironmentExpander.merge(any(), any())).thenAnswer(call -> call.getArgument(1));
        statics.add(expanders);
        invokers = mockStatic(BodyInvoker.class);
        invokers.when(() -> BodyInvoker.mergeConsoleLogFilters(any(), any())).thenAnswer(call -> call.getArgument(1));
        statics.add(invokers);
    }

    @AfterEach
    void stop() {
        revokers.forEach(Revoker::close);
        statics.forEach(MockedStatic::close);
        world.close();
    }

    @Test
    void aGrantedSessionStartsTheBodyWithItsCredentialsAndAMaskingFilter() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).region("eu-west-1").build());
        StepContext context = context("team/app/main", 42, "7");
        BodyExecutionCallback ending = mock(BodyExecutionCallback.class);

        new AwsRoleBlock("deploy", null, null).begin(context, ending);

        IssuedSession issued = aws.sessions().get(0);
        assertThat(bodiesStarted).isEqualTo(1);
        assertThat(callbacks).singleElement().isInstanceOf(MaskingCallback.class); // which hands on to ending
        assertThat(contexts).hasSize(2);
        AwsEnvironment environment = (AwsEnvironment) contexts.get(0);
        assertThat(environment.plan().set())
                .containsOnly(
                        entry("AWS_ACCESS_KEY_ID", issued.accessKeyId()),
                        entry("AWS_SECRET_ACCESS_KEY", issued.secretAccessKey()),
                        entry("AWS_SESSION_TOKEN", issued.sessionToken()),
                        entry("AWS_CREDENTIAL_EXPIRATION", AwsEnvironment.formatExpiration(issued.expiration())),
                        entry("AWS_REGION", "eu-west-1"),
                        entry("AWS_DEFAULT_REGION", "eu-west-1"));
        assertThat(environment.getSensitiveVariables())
                .containsExactlyInAnyOrder("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        assertThat(contexts.get(1)).isInstanceOf(AwsMaskingFilter.class);
        assertThat(issued.subject()).isEqualTo(DEPLOY_SUB);
    }

    @Test
    void theLogLineNamesRoleSessionAndExpiryAndNoSecret() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());

        new AwsRoleBlock("deploy", null, null).begin(context("team/app/main", 42, "7"), mock(TailCall.class));

        IssuedSession issued = aws.sessions().get(0);
        assertThat(log())
                .contains("stage 'deploy'")
                .contains("arn:aws:sts::123456789012:assumed-role/deploy/" + S7)
                .contains("session " + S7)
                .contains(AwsEnvironment.formatExpiration(issued.expiration()))
                .doesNotContain(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
    }

    @Test
    void enclosingEnvironmentAndLogFilterAreMergedWithTheBlocksOwn() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        EnvironmentExpander outerEnvironment = mock(EnvironmentExpander.class);
        ConsoleLogFilter outerFilter = mock(ConsoleLogFilter.class);
        when(context.get(EnvironmentExpander.class)).thenReturn(outerEnvironment);
        when(context.get(ConsoleLogFilter.class)).thenReturn(outerFilter);

        new AwsRoleBlock("deploy", null, null).begin(context, mock(TailCall.class));

        expanders.verify(() -> EnvironmentExpander.merge(same(outerEnvironment), any(AwsEnvironment.class)));
        invokers.verify(() -> BodyInvoker.mergeConsoleLogFilters(same(outerFilter), any(AwsMaskingFilter.class)));
    }

    @Test
    void afterARestartTheBlockGetsAFreshSessionMaskedLikeTheFirst() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);
        AwsEnvironment environment = (AwsEnvironment) contexts.get(0);
        AwsMaskingFilter filter = (AwsMaskingFilter) contexts.get(1);

        block.resume(context);

        assertThat(aws.sessions()).hasSize(2);
        IssuedSession first = aws.sessions().get(0);
        IssuedSession fresh = aws.sessions().get(1);
        assertThat(fresh.sessionName()).isEqualTo(S7R1);
        assertThat(block.environment()).isSameAs(environment);
        assertThat(environment.plan().set())
                .containsEntry("AWS_ACCESS_KEY_ID", fresh.accessKeyId())
                .containsEntry("AWS_SECRET_ACCESS_KEY", fresh.secretAccessKey())
                .containsEntry("AWS_SESSION_TOKEN", fresh.sessionToken());
        assertThat(log()).contains("renewed").contains("session " + S7R1);
        assertThat(log()).doesNotContain(fresh.secretAccessKey(), fresh.sessionToken());
        ByteArrayOutputStream masked = new ByteArrayOutputStream();
        try (java.io.OutputStream out = filter.decorateLogger((Run<?, ?>) null, masked)) {
            out.write(
                    (fresh.secretAccessKey() + " " + first.secretAccessKey() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(masked.toString(StandardCharsets.UTF_8)).isEqualTo("**** ****\n");
        verify(body, never()).cancel(any(Throwable.class));
        assertThat(audit.forBuild("team/app/main", 42))
                .extracting(AuditEvent::kind, AuditEvent::sessionName)
                .containsExactly(tuple(AuditEvent.Kind.SESSION_OBTAINED, S7), tuple(AuditEvent.Kind.REFRESHED, S7R1));
        assertThat(audit.forBuild("team/app/main", 42).get(1).message())
                .isEqualTo("after a controller restart, replacing session " + S7);
        assertThat(scheduled)
                .as("the renewal before expiry, scheduled again after the restart")
                .hasSize(2);
    }

    @Test
    void afterARestartABlockWhoseMappingIsGoneStopsWithTheReason() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);
        mappings(mapping("build", deploy).build());

        block.resume(context);

        org.mockito.ArgumentCaptor<Throwable> reason = org.mockito.ArgumentCaptor.forClass(Throwable.class);
        verify(body).cancel(reason.capture());
        assertThat(reason.getValue().getMessage())
                .startsWith("No AWS credentials for stage 'deploy': ")
                .contains("There is no stage 'deploy'");
        assertThat(block.environment().isCleared()).isTrue();
        assertThat(log()).contains("may no longer be used by this build");
        assertThat(aws.sessions()).hasSize(1);
    }

    @Test
    void aRestartBeforeTheBodyStartedOrAfterItEndedChangesNothing() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock notStarted = new AwsRoleBlock("deploy", null, null);
        notStarted.resume(context);
        AwsRoleBlock ended = begun(context);
        ended.end(context);

        ended.resume(context);

        assertThat(aws.sessions()).hasSize(1);
        assertThat(ended.environment().isCleared()).isTrue();
        verify(body, never()).cancel(any(Throwable.class));
    }

    @Test
    void theEndClearsTheEnvironmentAndSaysSo() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);
        AwsEnvironment environment = (AwsEnvironment) contexts.get(0);

        block.end(context);

        assertThat(environment.isCleared()).isTrue();
        assertThat(block.environment()).isSameAs(environment);
        assertThat(environment.plan().set()).isEmpty();
        assertThat(environment.plan().remove())
                .contains("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        assertThat(log()).contains("AWS credentials for stage 'deploy' (session " + S7 + ") removed");
    }

    @Test
    void aBlockThatNeverGotASessionEndsWithoutError() throws Exception {
        AwsRoleBlock block = new AwsRoleBlock("deploy", null, null);

        block.end(context("team/app/main", 42, "7"));

        assertThat(block.environment()).isNull();
        assertThat(log()).contains("AWS credentials for stage 'deploy'");
    }

    @Test
    void aWrongBranchFailsWithTheRuleAndNeverReachesAws() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).branches("main").build());
        head = head("feature");

        AbortException refused = catchThrowableOfType(
                AbortException.class,
                () -> new AwsRoleBlock("deploy", null, null)
                        .begin(context("team/app/feature", 3, "7"), mock(TailCall.class)));

        assertThat(refused.getMessage())
                .startsWith("No AWS credentials for stage 'deploy': ")
                .contains("Branch 'feature'")
                .contains("branch patterns [main]");
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
        assertThat(bodiesStarted).isZero();
        assertThat(log()).doesNotContain("AWS role for stage");
    }

    @Test
    void anUnknownStageFailsListingTheStagesAndNeverReachesAws() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());

        AbortException refused = catchThrowableOfType(
                AbortException.class,
                () -> new AwsRoleBlock("prod", null, null)
                        .begin(context("team/app/main", 42, "7"), mock(TailCall.class)));

        assertThat(refused.getMessage())
                .startsWith("No AWS credentials for stage 'prod': ")
                .contains("There is no stage 'prod'")
                .contains("deploy");
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
        assertThat(bodiesStarted).isZero();
    }

    @Test
    void anStsRefusalFailsWithTheAccessDeniedExplanation() throws Exception {
        FakeRole other = role("other", "job:team/other/*");
        mappings(mapping("deploy", other).build());

        AbortException refused = catchThrowableOfType(
                AbortException.class,
                () -> new AwsRoleBlock("deploy", null, null)
                        .begin(context("team/app/main", 42, "7"), mock(TailCall.class)));

        assertThat(refused.getMessage())
                .startsWith("No AWS credentials for stage 'deploy': ")
                .contains("The role's trust policy does not allow this token")
                .contains(DEPLOY_SUB)
                .contains("other");
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(aws.sessions()).isEmpty();
        assertThat(bodiesStarted).isZero();
    }

    @Test
    void theBlockMayNarrowRegionAndDuration() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());

        new AwsRoleBlock("deploy", "ap-south-1", 900).begin(context("team/app/main", 42, "7"), mock(TailCall.class));

        AwsEnvironment environment = (AwsEnvironment) contexts.get(0);
        assertThat(environment.plan().set())
                .contains(
                        entry("AWS_REGION", "ap-south-1"),
                        entry("AWS_DEFAULT_REGION", "ap-south-1"),
                        entry(
                                "AWS_CREDENTIAL_EXPIRATION",
                                AwsEnvironment.formatExpiration(clock.instant().plusSeconds(900))));
    }

    @Test
    void theBlockMayNotWidenTheMapping() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).region("eu-west-1").build());

        AbortException otherRegion = catchThrowableOfType(
                AbortException.class,
                () -> new AwsRoleBlock("deploy", "us-east-1", null)
                        .begin(context("team/app/main", 42, "7"), mock(TailCall.class)));
        AbortException longer = catchThrowableOfType(
                AbortException.class,
                () -> new AwsRoleBlock("deploy", null, 7200)
                        .begin(context("team/app/main", 42, "8"), mock(TailCall.class)));

        assertThat(otherRegion.getMessage()).contains("us-east-1").contains("eu-west-1");
        assertThat(longer.getMessage()).contains("7200").contains("3600");
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
    }

    @Test
    void theRenewalIsScheduledForWhenTheThresholdIsLeft() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());

        new AwsRoleBlock("deploy", null, 900).begin(context("team/app/main", 42, "7"), mock(TailCall.class));

        assertThat(scheduled).extracting(Scheduled::delay).containsExactly(Duration.ofMinutes(10));
    }

    @Test
    void aRefreshRenewsTheEnvironmentKeepsTheOldCredentialsMaskedAndRecordsIt() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);
        AwsEnvironment environment = (AwsEnvironment) contexts.get(0);

        runLastScheduled();

        IssuedSession first = aws.sessions().get(0);
        IssuedSession fresh = aws.sessions().get(1);
        assertThat(fresh.sessionName()).isEqualTo(S7F1);
        assertThat(environment.plan().set())
                .containsEntry("AWS_ACCESS_KEY_ID", fresh.accessKeyId())
                .containsEntry("AWS_SECRET_ACCESS_KEY", fresh.secretAccessKey())
                .containsEntry("AWS_SESSION_TOKEN", fresh.sessionToken())
                .containsEntry("AWS_CREDENTIAL_EXPIRATION", AwsEnvironment.formatExpiration(fresh.expiration()));
        // A step started after the refresh: its log is decorated now, and masks both sessions.
        assertThat(masked(
                        (AwsMaskingFilter) contexts.get(1),
                        fresh.sessionToken() + " " + first.sessionToken() + " " + first.secretAccessKey() + "\n"))
                .isEqualTo("**** **** ****\n");
        assertThat(log())
                .contains("AWS session of stage 'deploy' refreshed before it ran out: "
                        + "arn:aws:sts::123456789012:assumed-role/deploy/" + S7F1 + ", session "
                        + S7F1 + ", valid until " + AwsEnvironment.formatExpiration(fresh.expiration()))
                .doesNotContain(fresh.accessKeyId(), fresh.secretAccessKey(), fresh.sessionToken())
                .doesNotContain(first.secretAccessKey(), first.sessionToken());
        assertThat(audit.forBuild("team/app/main", 42))
                .extracting(AuditEvent::kind, AuditEvent::sessionName, AuditEvent::expiry)
                .containsExactly(
                        tuple(AuditEvent.Kind.SESSION_OBTAINED, S7, first.expiration()),
                        tuple(AuditEvent.Kind.REFRESHED, S7F1, fresh.expiration()));
        assertThat(audit.forBuild("team/app/main", 42).get(1).message())
                .isEqualTo("before the session ran out, replacing session " + S7);
        assertThat(scheduled)
                .as("the fresh session's own renewal")
                .extracting(Scheduled::delay)
                .containsExactly(Duration.ofMinutes(55), Duration.ofMinutes(55));
        verify(body, never()).cancel(any(Throwable.class));
    }

    /**
     * A step started before the refresh may still be running on the replaced session (a long {@code sh}), so that one
     * keeps working until the block ends; then both are revoked.
     */
    @Test
    void aRefreshWithRevocationOnRevokesTheReplacedSessionWhenTheBlockEnds() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenReturn(revoker(deploy, true));
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);

        runLastScheduled();

        try (StsClient replaced = stsAs(aws.sessions().get(0));
                StsClient fresh = stsAs(aws.sessions().get(1))) {
            assertThat(replaced.getCallerIdentity().arn())
                    .as("the replaced session, for steps still running on it")
                    .endsWith("/" + S7);
            assertThat(fresh.getCallerIdentity().arn()).endsWith("/" + S7F1);

            block.end(context);

            assertThat(catchThrowableOfType(StsException.class, replaced::getCallerIdentity)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(catchThrowableOfType(StsException.class, fresh::getCallerIdentity)
                            .statusCode())
                    .isEqualTo(403);
        }
        assertThat(audit.forBuild("team/app/main", 42))
                .extracting(AuditEvent::kind, AuditEvent::sessionName)
                .containsExactly(
                        tuple(AuditEvent.Kind.SESSION_OBTAINED, S7),
                        tuple(AuditEvent.Kind.REFRESHED, S7F1),
                        tuple(AuditEvent.Kind.REVOKED, S7F1),
                        tuple(AuditEvent.Kind.REVOKED, S7));
    }

    @Test
    void theEndCancelsTheRenewalAndARenewalRunningAfterItDoesNothing() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);

        block.end(context);
        runLastScheduled(); // it was already running when end() cancelled it

        verify(scheduled.get(0).future()).cancel(false);
        assertThat(aws.sessions()).hasSize(1);
        assertThat(block.environment().isCleared()).isTrue();
        assertThat(scheduled).hasSize(1);
        assertThat(log()).doesNotContain("refresh");
    }

    @Test
    void aSessionObtainedWhileTheBlockEndedIsRevokedAndNeverInstalled() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        TrustMapping mapping = mapping("deploy", deploy).revocation(true).build();
        when(service.revoker(anyString())).thenReturn(revoker(deploy, true));
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = new AwsRoleBlock("deploy", null, null);
        AtomicInteger asked = new AtomicInteger();
        when(service.broker()).thenAnswer(call -> {
            if (asked.incrementAndGet() == 2) {
                block.end(context); // the body ends while the renewal is on its way to STS
            }
            return broker(mapping);
        });
        block.begin(context, mock(TailCall.class));

        runLastScheduled();

        List<IssuedSession> blockSessions = aws.sessions().stream()
                .filter(issued -> issued.sessionName().startsWith("team.app.main@42-7"))
                .toList();
        assertThat(blockSessions).extracting(IssuedSession::sessionName).containsExactly(S7, S7F1);
        assertThat(block.environment().isCleared()).isTrue();
        assertThat(block.environment().plan().set()).isEmpty();
        for (IssuedSession issued : blockSessions) {
            try (StsClient client = stsAs(issued)) {
                assertThat(catchThrowableOfType(StsException.class, client::getCallerIdentity)
                                .statusCode())
                        .as("session %s revoked", issued.sessionName())
                        .isEqualTo(403);
            }
        }
        assertThat(scheduled).hasSize(1);
        assertThat(log()).doesNotContain("refreshed before");
    }

    @Test
    void aRefreshTheMappingsNowRefuseStopsTheBodyWithTheReason() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        AwsRoleBlock block = begun(context("team/app/main", 42, "7"));
        mappings(mapping("deploy", deploy).branches("release/*").build());

        runLastScheduled();

        org.mockito.ArgumentCaptor<Throwable> reason = org.mockito.ArgumentCaptor.forClass(Throwable.class);
        verify(body).cancel(reason.capture());
        assertThat(reason.getValue().getMessage())
                .startsWith("No AWS credentials for stage 'deploy': ")
                .contains("release/*");
        assertThat(block.environment().isCleared()).isTrue();
        assertThat(log())
                .contains("Stage 'deploy' may no longer be used by this build, so its AWS session was not refreshed");
        assertThat(audit.forBuild("team/app/main", 42))
                .extracting(AuditEvent::kind, AuditEvent::rule)
                .containsExactly(
                        tuple(AuditEvent.Kind.SESSION_OBTAINED, null),
                        tuple(AuditEvent.Kind.REFUSED, DenialReason.BRANCH_NOT_ALLOWED.rule()));
        assertThat(scheduled).hasSize(1);
    }

    @Test
    void aRefreshThatFailsForAPassingReasonIsTriedOnceMoreThenTheCredentialsExpire() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        AwsRoleBlock block = begun(context("team/app/main", 42, "7"));
        IssuedSession first = aws.sessions().get(0);
        String until = AwsEnvironment.formatExpiration(first.expiration());
        aws.faults().onlyFor("AssumeRoleWithWebIdentity").always(Faults.Kind.SERVICE_UNAVAILABLE);

        runLastScheduled();

        assertThat(scheduled)
                .as("a retry at half of the 5 minutes left")
                .extracting(Scheduled::delay)
                .containsExactly(Duration.ofMinutes(55), Duration.ofSeconds(150));
        assertThat(log())
                .contains("Could not refresh the AWS session of stage 'deploy': ")
                .contains("Trying once more at "
                        + AwsEnvironment.formatExpiration(clock.instant().plusSeconds(150)))
                .contains("valid until " + until);

        runLastScheduled();

        assertThat(scheduled).hasSize(2);
        assertThat(log()).contains("Steps keep the current credentials, which expire at " + until);
        assertThat(block.environment().plan().set()).containsEntry("AWS_ACCESS_KEY_ID", first.accessKeyId());
        verify(body, never()).cancel(any(Throwable.class));
        assertThat(audit.forBuild("team/app/main", 42))
                .extracting(AuditEvent::kind, AuditEvent::rule)
                .containsExactly(
                        tuple(AuditEvent.Kind.SESSION_OBTAINED, null),
                        tuple(AuditEvent.Kind.REFUSED, "sts"),
                        tuple(AuditEvent.Kind.REFUSED, "sts"));
    }

    @Test
    void afterARestartWithStsDownTheBlockKeepsItsCredentialsAndTriesOnceMore() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);
        aws.faults().onlyFor("AssumeRoleWithWebIdentity").always(Faults.Kind.THROTTLING);

        block.resume(context);

        verify(body, never()).cancel(any(Throwable.class));
        assertThat(block.environment().plan().set())
                .containsEntry("AWS_ACCESS_KEY_ID", aws.sessions().get(0).accessKeyId());
        assertThat(log())
                .contains("Could not refresh the AWS session of stage 'deploy': ")
                .contains("Trying once more");
        assertThat(scheduled)
                .extracting(Scheduled::delay)
                .containsExactly(Duration.ofMinutes(55), Duration.ofMinutes(30));
    }

    @Test
    void aRefreshedBlockStoresNoCredentialAndNotItsTimer() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        AwsRoleBlock block = begun(context("team/app/main", 42, "7"));
        runLastScheduled();

        // The scheduled future (a mock, not serializable) would fail this if it were stored.
        byte[] bytes = AwsEnvironmentSerializationTest.serialize(block);

        for (IssuedSession issued : aws.sessions()) {
            AwsEnvironmentSerializationTest.assertContainsNone(
                    bytes, issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
        }
        assertThat(AwsEnvironmentSerializationTest.contains(bytes, S7F1, StandardCharsets.UTF_8))
                .isTrue();
    }

    // Issue 13, item 9: the block's life cycle when a stop, the body's end and a restart meet its start and end.

    /**
     * Stopped while STS works on the first session: the step fails at once, no body starts, and the session STS then
     * issues is revoked (no step will ever use it). The start runs on the test's thread (Jenkins' statics are mocked
     * for it only); the stop comes from another, while STS holds the start.
     */
    @Test
    void aStopWhileStsAnswersFailsAtOnceStartsNoBodyAndRevokesTheSessionItGets() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenReturn(revoker(deploy, true));
        StepContext context = context("team/app/main", 42, "7");
        List<String> events = recordingFailures(context);
        Faults.Gate sts = aws.faults().hold("AssumeRoleWithWebIdentity");
        AwsRoleBlock block = new AwsRoleBlock("deploy", null, null);
        Throwable cause = new InterruptedException("aborted by the user");
        Thread stopper = whenHeld(sts, events, () -> block.stop(context, cause));

        block.start(context); // runs the start here, held by STS until the stop has come

        stopper.join(PATIENCE.toMillis());
        assertThat(events).containsExactly("held", "failed", "released");
        IssuedSession issued = sessionOf("deploy");
        assertThat(bodiesStarted).isZero();
        assertThat(scheduled).as("no renewal for a block that never ran").isEmpty();
        assertThat(deniedStatus(issued)).isEqualTo(403);
        assertThat(log())
                .contains("did not start (it was stopped, or failed, while AWS issued its session "
                        + issued.sessionName() + ")")
                .doesNotContain("AWS role for stage");
        assertThat(audit.forBuild("team/app/main", 42))
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.SESSION_OBTAINED, AuditEvent.Kind.REVOKED);
        verify(context).onFailure(cause);
        verify(context, never()).onSuccess(any());
        assertThat(block.phase()).isEqualTo(AwsRoleBlock.Phase.ENDED);
    }

    /**
     * Stopped while the body runs: the block ends now (credentials gone, renewal cancelled, session revoked) and the
     * step fails with the stop only after the revocation; the body's end, coming later, ends nothing twice.
     */
    @Test
    void aStopWhileTheBodyRunsEndsTheBlockOnceAndFailsTheStepOnlyAfterTheRevocation() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenReturn(revoker(deploy, true));
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);
        List<String> events = recordingFailures(context);
        Faults.Gate iam = aws.faults().hold("GetRolePolicy");
        Throwable cause = new InterruptedException("aborted by the user");
        Thread watcher = whenHeld(iam, events, () -> {
            assertThat(block.environment().isCleared()).isTrue();
            verify(scheduled.get(0).future()).cancel(false);
        });

        block.stop(context, cause); // the end runs here, held by IAM

        watcher.join(PATIENCE.toMillis());
        assertThat(events).containsExactly("held", "released", "failed");
        verify(context).onFailure(cause);
        assertThat(deniedStatus(sessionOf("deploy"))).isEqualTo(403);

        callbacks.get(0).onFailure(context, new InterruptedException("the body, stopped"));

        verify(context, org.mockito.Mockito.times(1)).onFailure(any());
        verify(context, never()).onSuccess(any());
        assertThat(log().split("removed from the block", -1)).hasSize(2);
        assertThat(audit.forBuild("team/app/main", 42))
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.SESSION_OBTAINED, AuditEvent.Kind.REVOKED);
    }

    /** Stopped while the end revokes: the revocation is not cut short, and then the step fails with the stop. */
    @Test
    void aStopWhileTheEndRevokesLetsTheEndFinishThenFailsWithTheStop() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenReturn(revoker(deploy, true));
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);
        List<String> events = recordingFailures(context);
        Faults.Gate iam = aws.faults().hold("GetRolePolicy");
        Throwable cause = new InterruptedException("aborted by the user");
        Thread stopper = whenHeld(iam, events, () -> {
            block.stop(context, cause);
            assertThat(block.isBusy()).as("a restart waits for the end").isTrue();
        });

        callbacks.get(0).onSuccess(context, "the body's result"); // the end runs here, held by IAM

        stopper.join(PATIENCE.toMillis());
        assertThat(events).containsExactly("held", "released", "failed");
        verify(context).onFailure(cause);
        verify(context, never()).onSuccess(any());
        assertThat(deniedStatus(sessionOf("deploy"))).isEqualTo(403);
        assertThat(block.isBusy()).isFalse();
    }

    @Test
    void theBodysEndCompletesTheStepWithItsResultAfterTheEnd() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        begun(context);
        Throwable failure = new IllegalStateException("the body failed");

        callbacks.get(0).onSuccess(context, "the body's result");
        callbacks.get(0).onFailure(context, failure);

        verify(context).onSuccess("the body's result");
        verify(context, never()).onFailure(any());
        assertThat(log().split("removed from the block", -1)).hasSize(2);
    }

    @Test
    void theEndRunsOnceWhoeverAsksForIt() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenReturn(revoker(deploy, true));
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);

        block.end(context);
        block.end(context);
        block.stop(context, new InterruptedException("aborted"));

        assertThat(log().split("removed from the block", -1)).hasSize(2);
        assertThat(audit.forBuild("team/app/main", 42))
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.SESSION_OBTAINED, AuditEvent.Kind.REVOKED);
    }

    /**
     * A restart that cuts the start: the step fails (the start is lost, and the body never ran), and nothing is
     * renewed. (Before: the step was failed, and then given a session and renewals anyway, which nothing revoked.)
     */
    @Test
    void aRestartDuringTheStartFailsTheStepAndRenewsNothing() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        List<Runnable> lost = new ArrayList<>();
        blockWork = lost::add; // the start never runs: the controller went down first
        AwsRoleBlock block = new AwsRoleBlock("deploy", null, null);
        block.start(context);

        block.afterRestart(context);

        org.mockito.ArgumentCaptor<Throwable> reason = org.mockito.ArgumentCaptor.forClass(Throwable.class);
        verify(context).onFailure(reason.capture());
        assertThat(reason.getValue().getMessage()).contains("Jenkins restarted while the block of stage 'deploy'");
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
        assertThat(scheduled).isEmpty();
        assertThat(block.isBusy()).isFalse();
    }

    /** A restart that cuts the end: the end runs again (revoking is safe to repeat), the step fails, no renewal. */
    @Test
    void aRestartDuringTheEndRunsTheEndAgainAndFailsTheStep() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenReturn(revoker(deploy, true));
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);
        List<Runnable> lost = new ArrayList<>();
        blockWork = lost::add;
        callbacks.get(0).onSuccess(context, null); // the end is handed over, and lost with the controller
        blockWork = Runnable::run;

        block.afterRestart(context);

        org.mockito.ArgumentCaptor<Throwable> reason = org.mockito.ArgumentCaptor.forClass(Throwable.class);
        verify(context).onFailure(reason.capture());
        assertThat(reason.getValue().getMessage()).contains("Jenkins restarted while the block of stage 'deploy'");
        assertThat(deniedStatus(sessionOf("deploy"))).isEqualTo(403);
        assertThat(aws.sessions())
                .filteredOn(i -> i.role().name().equals("deploy"))
                .hasSize(1);
        assertThat(scheduled).hasSize(1);
    }

    /**
     * Issue 13, item 8: a block resumed by a restart renews at the delay the service spreads at random, and Jenkins'
     * timer only hands the renewal to the plugin's threads: the timer's task reaches no STS.
     */
    @Test
    void aResumedBlockRenewsAtItsSpreadDelayAndTheTimerOnlyHandsItOver() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);
        List<Runnable> handed = new ArrayList<>();
        renewals = handed::add;

        block.afterRestart(context);

        assertThat(scheduled).extracting(Scheduled::delay).containsExactly(Duration.ofMinutes(55), RESUME_DELAY);
        verify(service).resumeDelay(aws.sessions().get(0).expiration());
        scheduled.get(1).task().run(); // on the timer's thread

        assertThat(handed).hasSize(1);
        assertThat(aws.calls("AssumeRoleWithWebIdentity"))
                .as("nothing on the timer's thread")
                .isEqualTo(1);
        handed.get(0).run(); // on the plugin's thread

        assertThat(aws.sessions())
                .extracting(IssuedSession::sessionName)
                .contains(SessionNames.forBlock("team/app/main", 42, "7r1"));
        assertThat(log()).contains("renewed");
        verify(context, never()).onFailure(any());
    }

    @Test
    void theTimersTaskOnlyHandsTheRefreshOver() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        List<Runnable> handed = new ArrayList<>();
        renewals = handed::add;
        begun(context("team/app/main", 42, "7"));

        scheduled.get(0).task().run(); // on the timer's thread

        assertThat(handed).hasSize(1);
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
        assertThat(log()).doesNotContain("refreshed");

        clock.advance(scheduled.get(0).delay());
        handed.get(0).run(); // on the plugin's thread

        assertThat(log()).contains("refreshed before it ran out");
    }

    // Issue 13, item 6: a failed revocation is listed for administrators, and can fail the block.

    @Test
    void aFailedRevocationIsListedForTheMonitorAndFailsTheBlockWhenTheAdministratorAsks() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenReturn(revoker(deploy, false));
        when(service.failOnRevocationFailure()).thenReturn(true);
        StepContext context = context("team/app/main", 42, "7");
        begun(context);

        callbacks.get(0).onSuccess(context, "the body's result");

        org.mockito.ArgumentCaptor<Throwable> reason = org.mockito.ArgumentCaptor.forClass(Throwable.class);
        verify(context).onFailure(reason.capture());
        verify(context, never()).onSuccess(any());
        assertThat(reason.getValue().getMessage())
                .contains("could not be revoked")
                .contains("\"Fail the build when revocation fails\" is on");
        assertThat(log()).contains("the build fails for it");
        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(RevocationProblems.Kind.FAILED);
            assertThat(p.session().sessionName()).isEqualTo(SessionNames.forBlock("team/app/main", 42, "7"));
            assertThat(p.message()).contains("AccessDenied");
        });
    }

    @Test
    void aFailedRevocationKeepsTheBodysResultUnlessTheAdministratorAsks() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenReturn(null);
        StepContext context = context("team/app/main", 42, "7");
        begun(context);

        callbacks.get(0).onSuccess(context, "the body's result");

        verify(context).onSuccess("the body's result");
        assertThat(problems.list())
                .extracting(RevocationProblems.Problem::kind)
                .containsExactly(RevocationProblems.Kind.NOT_CONFIGURED);
    }

    /**
     * A thread that waits until AWS holds a request at {@code gate}, then notes "held", does {@code action} (a stop,
     * or checks), notes "released" and releases the gate. The block's own work stays on the test's thread, the only
     * one Jenkins' mocked statics answer on.
     */
    private static Thread whenHeld(Faults.Gate gate, List<String> events, ThrowingRunnable action) {
        Thread thread = new Thread(() -> {
            try {
                if (gate.awaitArrival(PATIENCE)) {
                    events.add("held");
                    action.run();
                }
            } catch (Throwable t) {
                events.add("failed in the other thread: " + t);
            } finally {
                events.add("released");
                gate.release();
            }
        });
        thread.start();
        return thread;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Notes "failed" in {@code events} whenever the step is failed, so that a test can tell when it was. */
    private static List<String> recordingFailures(StepContext context) {
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        org.mockito.Mockito.doAnswer(call -> events.add("failed")).when(context).onFailure(any());
        return events;
    }

    /** The one session the local STS issued for a role (the revoker's own is of another role). */
    private IssuedSession sessionOf(String role) {
        List<IssuedSession> of = aws.sessions().stream()
                .filter(s -> s.role().name().equals(role))
                .toList();
        assertThat(of).as("sessions of role %s", role).hasSize(1);
        return of.get(0);
    }

    private int deniedStatus(IssuedSession session) {
        try (StsClient client = stsAs(session)) {
            return catchThrowableOfType(StsException.class, client::getCallerIdentity)
                    .statusCode();
        }
    }

    /** A stand-in for the execution's callback; only its identity matters here. */
    private abstract static class TailCall extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private FakeRole role(String name, String subjectPattern) {
        return aws.createRole(name, FakeAws.trustPolicy(providerArn, "sts.amazonaws.com", subjectPattern), 3600);
    }

    private static TrustMapping.Builder mapping(String stage, FakeRole role) {
        return TrustMapping.builder().stage(stage).roleArn(role.arn()).jobs(List.of("team/app/*"));
    }

    private void mappings(TrustMapping... mappings) {
        when(service.broker()).thenAnswer(call -> broker(mappings));
    }

    private SessionBroker broker(TrustMapping... mappings) {
        return new SessionBroker(
                TrustMappings.of(List.of(mappings)),
                issuer,
                sts,
                new BrokerSettings(Duration.ofMinutes(5), null, aws.endpoint()));
    }

    /** A block for stage {@code deploy}, without narrowing, whose body has started. */
    private AwsRoleBlock begun(StepContext context) throws Exception {
        AwsRoleBlock block = new AwsRoleBlock("deploy", null, null);
        block.begin(context, new AwsRoleBlock.Ending(block));
        return block;
    }

    /** One task the block put on the timer, with its delay and the future the block got. */
    private record Scheduled(Runnable task, Duration delay, ScheduledFuture<?> future) {}

    /** The clock moves to the moment the last scheduled renewal is due, and the renewal runs. */
    private void runLastScheduled() {
        Scheduled last = scheduled.get(scheduled.size() - 1);
        clock.advance(last.delay());
        last.task().run();
    }

    private static String masked(AwsMaskingFilter filter, String text) throws IOException {
        ByteArrayOutputStream masked = new ByteArrayOutputStream();
        try (OutputStream out = filter.decorateLogger((Run<?, ?>) null, masked)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return masked.toString(StandardCharsets.UTF_8);
    }

    /** A step context as Pipeline gives one to a block step outside {@code node}: run, listener, flow node. */
    private StepContext context(String job, int number, String nodeId) throws Exception {
        Job parent = mock(Job.class);
        when(parent.getFullName()).thenReturn(job);
        Run run = mock(Run.class);
        runs.add(run);
        when(run.getParent()).thenReturn(parent);
        when(run.getNumber()).thenReturn(number);
        when(run.getUrl()).thenReturn("job/" + job + "/" + number + "/");
        when(run.getCauses()).thenReturn(List.of());
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
        FlowNode node = mock(FlowNode.class);
        when(node.getId()).thenReturn(nodeId);
        BodyInvoker invoker = mock(BodyInvoker.class, call -> {
            switch (call.getMethod().getName()) {
                case "withContexts" -> contexts.addAll(Arrays.asList(call.getArguments()));
                case "withCallback" -> callbacks.add(call.getArgument(0));
                case "start" -> {
                    bodiesStarted++;
                    return body;
                }
                default -> throw new AssertionError("unexpected " + call);
            }
            return call.getMock();
        });
        StepContext context = mock(StepContext.class);
        when(context.get(Run.class)).thenReturn(run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.get(FlowNode.class)).thenReturn(node);
        when(context.get(EnvironmentExpander.class)).thenReturn(null);
        when(context.get(ConsoleLogFilter.class)).thenReturn(null);
        when(context.newBodyInvoker()).thenReturn(invoker);
        return context;
    }

    @Test
    void theEndOfABlockWithRevocationOnRevokesItsSessionAndOnlyThat() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        Revoker revoker = revoker(deploy, true);
        when(service.revoker(anyString())).thenReturn(revoker);
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = new AwsRoleBlock("deploy", null, null);
        AwsRoleBlock concurrent = new AwsRoleBlock("deploy", null, null);
        block.begin(context, mock(TailCall.class));
        concurrent.begin(context("team/app/main", 42, "9"), mock(TailCall.class));
        IssuedSession ended = aws.sessions().get(0);
        IssuedSession running = aws.sessions().get(1);

        block.end(context);

        try (StsClient oldCredentials = stsAs(ended);
                StsClient otherBlock = stsAs(running)) {
            StsException refused = catchThrowableOfType(StsException.class, oldCredentials::getCallerIdentity);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.getMessage()).contains("explicit deny");
            assertThat(otherBlock.getCallerIdentity().arn()).endsWith("/" + S9);
        }
        assertThat(log())
                .contains("AWS session of stage 'deploy': Revoked AWS session ")
                .contains(":" + S7 + " of role " + deploy.arn());
        assertThat(audit.forBuild("team/app/main", 42))
                .extracting(AuditEvent::kind, AuditEvent::sessionName, AuditEvent::outcome)
                .containsExactly(
                        tuple(AuditEvent.Kind.SESSION_OBTAINED, S7, "ok"),
                        tuple(AuditEvent.Kind.SESSION_OBTAINED, S9, "ok"),
                        tuple(AuditEvent.Kind.REVOKED, S7, "ok"));
        assertThat(audit.forBuild("team/app/main", 42).get(2).roleArn()).isEqualTo(deploy.arn());
    }

    @Test
    void aRefusedRevocationEndsTheBlockAnywayWithALogLineAndAnAuditEvent() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenReturn(revoker(deploy, false)); // no iam:PutRolePolicy on the role
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);
        IssuedSession issued = aws.sessions().get(0);

        block.end(context);

        assertThat(block.environment().isCleared()).isTrue();
        assertThat(log())
                .contains("removed from the block")
                .contains("AWS session of stage 'deploy' could not be revoked; the build result is unchanged.")
                .doesNotContain(issued.secretAccessKey(), issued.sessionToken());
        AuditEvent failure = audit.forBuild("team/app/main", 42).get(1);
        assertThat(failure.kind()).isEqualTo(AuditEvent.Kind.REVOCATION_FAILED);
        assertThat(failure.outcome()).isEqualTo("failed");
        assertThat(failure.message()).isNotBlank();
        try (StsClient oldCredentials = stsAs(issued)) {
            assertThat(oldCredentials.getCallerIdentity().userId()).endsWith(":" + S7);
        }
    }

    @Test
    void anUnreachableRevokerEndsTheBlockAnywayWithALogLineAndAnAuditEvent() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenThrow(new IllegalArgumentException("the IAM endpoint is not a URL"));
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);

        block.end(context);

        assertThat(log()).contains("could not be revoked").contains("the IAM endpoint is not a URL");
        assertThat(audit.forBuild("team/app/main", 42))
                .extracting(AuditEvent::kind)
                .containsExactly(AuditEvent.Kind.SESSION_OBTAINED, AuditEvent.Kind.REVOCATION_FAILED);
    }

    @Test
    void withoutARevocationRoleTheLogSaysTheCredentialsStayValidUntilExpiry() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).revocation(true).build());
        when(service.revoker(anyString())).thenReturn(null);
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);

        block.end(context);

        assertThat(log())
                .contains("AWS session " + S7 + " of stage 'deploy' is not revoked: no revocation role")
                .contains("stay valid at AWS until "
                        + AwsEnvironment.formatExpiration(aws.sessions().get(0).expiration()));
        assertThat(audit.forBuild("team/app/main", 42)).hasSize(1);
    }

    @Test
    void withRevocationOffTheEndAsksForNoRevoker() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).build());
        StepContext context = context("team/app/main", 42, "7");
        AwsRoleBlock block = begun(context);

        block.end(context);

        verify(service, never()).revoker(anyString());
        assertThat(log()).doesNotContain("revoked");
    }

    @Test
    void noBuildGetsTheRevocationRoleWhateverItsMappingSays() throws Exception {
        FakeRole revokerRole = role("jenkins-revoker", DEPLOY_SUB);
        when(service.broker())
                .thenAnswer(call -> new SessionBroker(
                        TrustMappings.of(List.of(mapping("deploy", revokerRole).build()), List.of(revokerRole.arn())),
                        issuer,
                        sts,
                        new BrokerSettings(Duration.ofMinutes(5), null, aws.endpoint())));

        AbortException refused = catchThrowableOfType(
                AbortException.class,
                () -> new AwsRoleBlock("deploy", null, null)
                        .begin(context("team/app/main", 42, "7"), mock(TailCall.class)));

        assertThat(refused.getMessage())
                .startsWith("No AWS credentials for stage 'deploy': ")
                .contains("reserved");
        assertThat(aws.calls("AssumeRoleWithWebIdentity")).isZero();
        AuditEvent event = audit.forBuild("team/app/main", 42).get(0);
        assertThat(event.kind()).isEqualTo(AuditEvent.Kind.REFUSED);
        assertThat(event.rule()).isEqualTo(DenialReason.RESERVED_ROLE.rule());
        assertThat(event.stage()).isEqualTo("deploy");
    }

    @Test
    void aRefusalIsRecordedWithItsRule() throws Exception {
        FakeRole deploy = role("deploy", DEPLOY_SUB);
        mappings(mapping("deploy", deploy).branches("main").build());
        head = head("feature");

        catchThrowableOfType(
                AbortException.class,
                () -> new AwsRoleBlock("deploy", null, null)
                        .begin(context("team/app/feature", 3, "7"), mock(TailCall.class)));

        verify(runs.get(0)).addOrReplaceAction(any(BuildSessionsAction.class));
        assertThat(audit.forBuild("team/app/feature", 3))
                .extracting(AuditEvent::kind, AuditEvent::rule, AuditEvent::outcome)
                .containsExactly(tuple(AuditEvent.Kind.REFUSED, DenialReason.BRANCH_NOT_ALLOWED.rule(), "refused"));
    }

    /**
     * The revoker the service builds: the controller's own token ({@code sub} {@code jenkins:controller:revoker})
     * from the plugin's issuer, exchanged for the revoker role, which may (or may not) write the deploy role's policy.
     */
    private Revoker revoker(FakeRole target, boolean allowed) {
        FakeRole revokerRole = aws.createRole(
                "jenkins-revoker",
                RevokerPolicies.trustPolicy(providerArn, "sts.amazonaws.com", RevokerPolicies.DEFAULT_SUBJECT));
        if (allowed) {
            aws.putRolePolicy(revokerRole.name(), "revoke", RevokerPolicies.permissionsPolicy(List.of(target.arn())));
        }
        ControllerSessions controller =
                new ControllerSessions(issuer, sts, new BrokerSettings(Duration.ofMinutes(5), null, aws.endpoint()));
        RevokerCredentials credentials = new RevokerCredentials(
                () -> controller.obtain(
                        revokerRole.arn(), AwsRoleService.REVOKER_PURPOSE, TrustMapping.DEFAULT_AUDIENCE),
                clock);
        Revoker revoker = new Revoker(
                credentials,
                RevokerSettings.defaults().withEndpoint(aws.endpoint()).withRetryPolicy(RevokerSettings.DEFAULT_RETRY),
                d -> {},
                clock,
                new SplittableRandom(3));
        revokers.add(revoker);
        return revoker;
    }

    private StsClient stsAs(IssuedSession session) {
        return StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                .build();
    }

    private static SCMHead head(String name) {
        SCMHead head = mock(SCMHead.class);
        when(head.getName()).thenReturn(name);
        when(head.getOrigin()).thenReturn(mock(SCMHeadOrigin.class));
        return head;
    }
}
