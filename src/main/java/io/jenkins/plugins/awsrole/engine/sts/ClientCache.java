package io.jenkins.plugins.awsrole.engine.sts;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SDK clients kept by key, at most {@code capacity} of them. Past that the least recently used one is evicted, and
 * closed as soon as no call is using it any more (at once when none is): a build that names ever new regions makes
 * the controller build new clients, never keep them all. Thread-safe.
 *
 * @param <K> what tells clients apart (region and endpoint)
 * @param <C> the client
 */
final class ClientCache<K, C extends AutoCloseable> implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ClientCache.class.getName());

    private final int capacity;
    private final Function<K, C> factory;
    /** In access order, so the first entry is the least recently used. */
    private final LinkedHashMap<K, Entry<C>> entries = new LinkedHashMap<>(16, 0.75f, true);

    private boolean closed;

    /**
     * @param capacity how many clients are kept at most, at least 1
     * @param factory builds the client for a key
     */
    ClientCache(int capacity, Function<K, C> factory) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * The client for a key, created if needed, for one use: close the lease when done with it.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    Lease<C> acquire(K key) {
        List<Entry<C>> idle = new ArrayList<>();
        Entry<C> entry;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The STS clients were closed: Jenkins is shutting down.");
            }
            entry = entries.get(key);
            if (entry == null) {
                entry = new Entry<>(factory.apply(key));
                entries.put(key, entry);
                Iterator<Entry<C>> eldest = entries.values().iterator();
                while (entries.size() > capacity) {
                    Entry<C> evicted = eldest.next();
                    eldest.remove();
                    evicted.retired = true;
                    if (evicted.users == 0) {
                        idle.add(evicted);
                    }
                }
            }
            entry.users++;
        }
        idle.forEach(ClientCache::closeQuietly);
        return new Lease<>(this, entry);
    }

    /** How many clients are cached now (those evicted but still in use not counted). */
    synchronized int size() {
        return entries.size();
    }

    private void release(Entry<C> entry) {
        boolean close;
        synchronized (this) {
            entry.users--;
            close = entry.retired && entry.users == 0;
        }
        if (close) {
            closeQuietly(entry);
        }
    }

    /** Closes every cached client; one still in use is closed when its last lease is. */
    @Override
    public void close() {
        List<Entry<C>> idle = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Entry<C> entry : entries.values()) {
                entry.retired = true;
                if (entry.users == 0) {
                    idle.add(entry);
                }
            }
            entries.clear();
        }
        idle.forEach(ClientCache::closeQuietly);
    }

    private static void closeQuietly(Entry<?> entry) {
        try {
            entry.client.close();
        } catch (Exception e) {
            // Closing only frees resources; a failure to do so must not fail the build that caused the eviction.
            LOGGER.log(Level.FINE, "Closing an STS client failed", e);
        }
    }

    private static final class Entry<C extends AutoCloseable> {
        final C client;
        int users;
        boolean retired;

        Entry(C client) {
            this.client = client;
        }
    }

    /** One use of a cached client. */
    static final class Lease<C extends AutoCloseable> implements AutoCloseable {
        private final ClientCache<?, C> cache;
        private final Entry<C> entry;
        private boolean released;

        private Lease(ClientCache<?, C> cache, Entry<C> entry) {
            this.cache = cache;
            this.entry = entry;
        }

        C client() {
            return entry.client;
        }

        /** Ends this use; closing twice is harmless. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                cache.release(entry);
            }
        }
    }
}
