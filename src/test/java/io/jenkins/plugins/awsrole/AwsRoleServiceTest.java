package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.ExtensionList;
import io.jenkins.plugins.awsrole.engine.revoke.Revoker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** The service keeps one revoker for the configured revocation role, and makes a new one when the role changes. */
class AwsRoleServiceTest {

    private final AwsRoleConfiguration config = mock(AwsRoleConfiguration.class);
    private MockedStatic<ExtensionList> extensions;

    @BeforeEach
    void start() {
        extensions = mockStatic(ExtensionList.class);
        extensions
                .when(() -> ExtensionList.lookupSingleton(AwsRoleConfiguration.class))
                .thenReturn(config);
    }

    @AfterEach
    void stop() {
        extensions.close();
    }

    @Test
    void noRevocationRoleMeansNoRevoker() {
        assertThat(new AwsRoleService().revoker()).isNull();
    }

    @Test
    void theRevokerIsKeptWhileTheRoleStaysAndReplacedWhenItChanges() {
        AwsRoleService service = new AwsRoleService();
        when(config.getRevocationRoleArn()).thenReturn("arn:aws:iam::123456789012:role/revoker-a");
        Revoker first = service.revoker();

        Revoker again = service.revoker();
        when(config.getRevocationRoleArn()).thenReturn("arn:aws:iam::123456789012:role/revoker-b");
        Revoker changed = service.revoker();
        when(config.getRevocationRoleArn()).thenReturn(null);
        Revoker removed = service.revoker();

        assertThat(first).isNotNull().isSameAs(again);
        assertThat(changed).isNotNull().isNotSameAs(first);
        assertThat(removed).isNull();
    }

    @Test
    void afterShutdownNoRevokerIsMadeAndTheReasonIsGiven() {
        AwsRoleService service = new AwsRoleService();
        when(config.getRevocationRoleArn()).thenReturn("arn:aws:iam::123456789012:role/revoker-a");
        assertThat(service.revoker()).isNotNull();

        service.close();

        assertThatThrownBy(service::revoker)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shutting down");
    }

    @Test
    void theAuditTrailIsOnePerController() {
        AwsRoleService service = new AwsRoleService();

        assertThat(service.audit()).isSameAs(service.audit());
    }

    /** Issue 13, item 8: renewals never run on Jenkins' shared timer, and at most four at once on the plugin's own. */
    @Test
    void renewalsRunOnAtMostFourThreadsOfThePluginsOwn() throws Exception {
        AwsRoleService service = new AwsRoleService();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(10);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            for (int i = 0; i < 10; i++) {
                service.renewals().execute(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    threads.add(Thread.currentThread().getName());
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            Thread.sleep(500);
            assertThat(running.get()).as("renewals running while all wait").isEqualTo(AwsRoleService.RENEWAL_THREADS);
            release.countDown();
            assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            release.countDown();
            service.close();
        }
        assertThat(most.get()).isEqualTo(4);
        assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("aws-oidc-role renewal"));
    }
}
