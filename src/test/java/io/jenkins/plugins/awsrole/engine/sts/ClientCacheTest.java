package io.jenkins.plugins.awsrole.engine.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded client cache: least recently used evicted past its capacity, closed once no call uses it. */
class ClientCacheTest {

    /** A client that only records whether it was closed. */
    private static final class Client implements AutoCloseable {
        final String key;
        int closes;

        Client(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            closes++;
        }
    }

    private final List<Client> made = new ArrayList<>();
    private final ClientCache<String, Client> cache = new ClientCache<>(2, key -> {
        Client c = new Client(key);
        made.add(c);
        return c;
    });

    private Client use(String key) {
        try (ClientCache.Lease<Client> lease = cache.acquire(key)) {
            return lease.client();
        }
    }

    @Test
    void oneClientPerKeyWhileItStaysCached() {
        Client a = use("a");

        assertThat(use("a")).isSameAs(a);
        assertThat(made).hasSize(1);
    }

    @Test
    void pastItsCapacityTheLeastRecentlyUsedIsEvictedAndClosed() {
        Client a = use("a");
        Client b = use("b");
        use("a"); // b is now the least recently used

        Client c = use("c");

        assertThat(cache.size()).isEqualTo(2);
        assertThat(b.closes).isEqualTo(1);
        assertThat(a.closes).isZero();
        assertThat(c.closes).isZero();
        assertThat(use("b")).isNotSameAs(b);
    }

    @Test
    void aClientInUseIsClosedOnlyWhenItsLastUseEnds() {
        ClientCache.Lease<Client> busy = cache.acquire("a");
        use("b");
        use("c");

        assertThat(busy.client().closes).as("still in use").isZero();
        busy.close();
        busy.close();
        assertThat(busy.client().closes).isEqualTo(1);
    }

    @Test
    void manyKeysNeverKeepMoreThanTheCapacity() {
        for (int i = 0; i < 100; i++) {
            use("region-" + i);
        }

        assertThat(cache.size()).isEqualTo(2);
        assertThat(made).hasSize(100);
        assertThat(made.stream().filter(c -> c.closes == 1)).hasSize(98);
    }

    @Test
    void closingClosesEveryClientAndRefusesMore() {
        Client a = use("a");
        ClientCache.Lease<Client> busy = cache.acquire("b");

        cache.close();

        assertThat(a.closes).isEqualTo(1);
        assertThat(busy.client().closes).isZero();
        busy.close();
        assertThat(busy.client().closes).isEqualTo(1);
        assertThatThrownBy(() -> cache.acquire("a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shutting down");
    }
}
