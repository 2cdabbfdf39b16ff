package io.jenkins.plugins.awsrole.engine.oidc;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Jenkins as an OIDC issuer: one object that owns the signing keys, rotates them, mints tokens and holds the
 * documents AWS fetches. The Jenkins layer keeps one instance and persists what {@code onKeyChange} hands it.
 *
 * <p>Keys rotate lazily: every call first checks (one comparison) whether a next key is due to be published, a key is
 * due to rotate or a retired key is due to drop out, so no timer is needed; {@link #maintain()} lets a periodic task
 * do the same ahead of requests. A scheduled rotation hands over to a key published a day earlier
 * ({@link IssuerSettings#prepublication()}), so verifiers that cache the JWKS, and statically hosted copies, know it
 * before its first token.
 *
 * <p>Readers see an immutable snapshot of keys and documents, so minting and serving never wait for each other.
 *
 * <p>Thread-safe.
 */
public final class OidcIssuer {

    /**
     * The most keys published at once. Scheduled rotation never comes near it (one rotation an hour at most, retired
     * keys kept 65 minutes by default); it stops a burst of manual rotations from growing the JWKS towards the 100
     * keys AWS reads.
     */
    public static final int MAX_PUBLISHED_KEYS = 10;

    private final IssuerSettings settings;
    private final Clock clock;
    private final Consumer<KeyRingState> onKeyChange;
    private final TokenMinter minter = new TokenMinter();
    private volatile Published published;

    /** The keys and what is derived from them, replaced as a whole on every change. */
    private record Published(KeyRing ring, IssuerDocuments documents, Instant nextChangeAt) {}

    private OidcIssuer(IssuerSettings settings, Clock clock, Consumer<KeyRingState> onKeyChange) {
        this.settings = settings;
        this.clock = clock;
        this.onKeyChange = onKeyChange;
    }

    /**
     * An issuer with the given keys, or with a new key if there are none.
     *
     * @param settings URL, algorithm, rotation
     * @param state the persisted (or JCasC-supplied) keys, or {@code null} on first use
     * @param clock the time source; tests pass a controllable one
     * @param onKeyChange called with the new state whenever keys change (created, rotated, imported, dropped), while
     *     the issuer's lock is held: persist it (encrypted) and return
     * @throws IllegalArgumentException if a stored key is invalid or does not match its id
     */
    public static OidcIssuer create(
            IssuerSettings settings, KeyRingState state, Clock clock, Consumer<KeyRingState> onKeyChange) {
        OidcIssuer issuer = new OidcIssuer(
                Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(onKeyChange, "onKeyChange"));
        synchronized (issuer) {
            Instant now = clock.instant();
            if (state == null) {
                issuer.publish(KeyRing.of(SigningKey.generate(settings.algorithm(), now)), true);
            } else {
                issuer.publish(KeyRing.load(state), false);
            }
            issuer.maintain(now);
        }
        return issuer;
    }

    /** An issuer with other settings and the same keys (a changed algorithm takes effect with a rotation). */
    public OidcIssuer withSettings(IssuerSettings newSettings) {
        return create(newSettings, exportState(), clock, onKeyChange);
    }

    /**
     * Signs a token for one build and stage with the current key.
     *
     * @throws IllegalArgumentException if the {@code sub} template cannot be rendered for this build
     */
    public MintedToken mint(TokenRequest request) {
        Instant now = clock.instant();
        Published current = upToDate(now);
        return minter.mint(current.ring().current(), settings.issuer(), request, now);
    }

    /** The discovery document and JWKS for the keys published now. */
    public IssuerDocuments documents() {
        return upToDate(clock.instant()).documents();
    }

    /**
     * Replaces the signing key now (with the pre-published next key if there is one); the old key stays published
     * until its tokens have expired.
     *
     * @throws IllegalStateException if {@value #MAX_PUBLISHED_KEYS} keys are published already
     */
    public synchronized KeyRingState rotateNow() {
        Instant now = clock.instant();
        checkRoomForAnotherKey(now);
        KeyRing ring = published.ring();
        publish(ring.rotatedTo(incomingKey(ring, now), now), true);
        return exportState();
    }

    /**
     * Drops every published key at once (the signing key, the retired keys still published, and a pre-published next
     * key) and signs with a new key from now on. For a key that may be compromised: the keys are stored together, so
     * none of them is safer than the one known to be lost. Unlike {@link #rotateNow()} nothing overlaps, so tokens the
     * old keys signed fail at AWS as soon as it fetches the JWKS again (it does on the first token with the new key).
     */
    public synchronized RevokedKeys revokeNow() {
        Instant now = clock.instant();
        List<String> removed =
                published.ring().published().stream().map(SigningKey::kid).toList();
        KeyRing fresh = KeyRing.of(SigningKey.generate(settings.algorithm(), now));
        publish(fresh, true);
        return new RevokedKeys(removed, fresh.current().kid());
    }

    /**
     * Makes a supplied key the signing key; the previous one stays published until its tokens have expired.
     *
     * @param algorithm must be the configured algorithm, or the next check would rotate the key away again
     * @param pkcs8Text base64 of PKCS#8 DER, or a PEM {@code PRIVATE KEY} block
     * @throws IllegalArgumentException if the key does not suit the algorithm (see {@link PrivateKeys})
     */
    public synchronized KeyRingState importKey(SigningAlgorithm algorithm, String pkcs8Text) {
        if (algorithm != settings.algorithm()) {
            throw new IllegalArgumentException(
                    "The issuer is configured for " + settings.algorithm().joseName() + "; select "
                            + algorithm.joseName() + " first, then import the key.");
        }
        Instant now = clock.instant();
        checkRoomForAnotherKey(now);
        publish(published.ring().rotatedTo(SigningKey.imported(algorithm, pkcs8Text, now), now), true);
        return exportState();
    }

    /**
     * Rotates a key that is due and drops retired keys whose tokens have all expired.
     *
     * @return whether anything changed
     */
    public synchronized boolean maintain() {
        return maintain(clock.instant());
    }

    /** The keys as data, for persistence or export. Contains private keys: store encrypted. */
    public KeyRingState exportState() {
        return published.ring().toState();
    }

    public IssuerSettings settings() {
        return settings;
    }

    public IssuerUrl issuerUrl() {
        return settings.issuer();
    }

    private void checkRoomForAnotherKey(Instant now) {
        maintain(now);
        KeyRing ring = published.ring();
        if (ring.published().size() >= MAX_PUBLISHED_KEYS) {
            throw new IllegalStateException(ring.published().size() + " keys are published already; the oldest"
                    + " retired key drops out at " + ring.nextExpiry(settings.retention()) + ", rotate after that.");
        }
    }

    private Published upToDate(Instant now) {
        Published current = published;
        if (current.nextChangeAt() != null && !now.isBefore(current.nextChangeAt())) {
            synchronized (this) {
                maintain(now);
                current = published;
            }
        }
        return current;
    }

    private boolean maintain(Instant now) {
        KeyRing ring = published.ring();
        KeyRing next = ring;
        Instant due = rotationDue(ring);
        if (ring.current().algorithm() != settings.algorithm()) {
            // A next key of the old algorithm signed nothing; drop it and switch at once.
            next = next.withoutNext().rotatedTo(SigningKey.generate(settings.algorithm(), now), now);
        } else if (due != null && !now.isBefore(due)) {
            next = next.rotatedTo(incomingKey(ring, now), now);
        } else if (due != null && ring.next() == null && !now.isBefore(due.minus(settings.prepublication()))) {
            next = next.withNext(SigningKey.generate(settings.algorithm(), now));
        }
        next = next.withoutExpired(now, settings.retention());
        if (next == ring) {
            return false;
        }
        publish(next, true);
        return true;
    }

    private void publish(KeyRing ring, boolean changed) {
        published = new Published(ring, IssuerDocuments.of(settings.issuer(), ring), nextChangeAt(ring));
        if (changed) {
            onKeyChange.accept(ring.toState());
        }
    }

    /** The pre-published next key taking over, or a new key if none (or one of another algorithm) is waiting. */
    private SigningKey incomingKey(KeyRing ring, Instant now) {
        SigningKey waiting = ring.next();
        if (waiting != null && waiting.algorithm() == settings.algorithm()) {
            return waiting.activated(now);
        }
        return SigningKey.generate(settings.algorithm(), now);
    }

    private Instant rotationDue(KeyRing ring) {
        return settings.rotationInterval() == null
                ? null
                : ring.current().createdAt().plus(settings.rotationInterval());
    }

    private Instant nextChangeAt(KeyRing ring) {
        if (ring.current().algorithm() != settings.algorithm()) {
            return Instant.MIN;
        }
        Instant due = rotationDue(ring);
        Instant prepublish = due == null || ring.next() != null ? null : due.minus(settings.prepublication());
        return earliest(earliest(due, prepublish), ring.nextExpiry(settings.retention()));
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    @Override
    public String toString() {
        return "OidcIssuer[" + settings.issuer() + ", " + published.ring().toState() + "]";
    }
}
