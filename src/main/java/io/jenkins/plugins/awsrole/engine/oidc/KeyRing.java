package io.jenkins.plugins.awsrole.engine.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The loaded keys: the current signing key first, then retired keys still published, newest first, and possibly the
 * next key, published ahead of its first signature. Immutable; every change gives a new ring, so readers never see a
 * half-rotated state.
 */
final class KeyRing {

    private final List<SigningKey> keys;
    private final SigningKey next;

    private KeyRing(List<SigningKey> keys, SigningKey next) {
        this.keys = List.copyOf(keys);
        this.next = next;
    }

    static KeyRing of(SigningKey current) {
        return new KeyRing(List.of(current), null);
    }

    static KeyRing load(KeyRingState state) {
        return new KeyRing(
                state.keys().stream().map(SigningKey::fromRecord).toList(),
                state.next() == null ? null : SigningKey.fromRecord(state.next()));
    }

    SigningKey current() {
        return keys.get(0);
    }

    /** The key that will sign after the next rotation, already published; or {@code null}. */
    SigningKey next() {
        return next;
    }

    /** Every key whose public half is in the JWKS: the current key, the next key, then retired keys. */
    List<SigningKey> published() {
        if (next == null) {
            return keys;
        }
        List<SigningKey> all = new ArrayList<>(keys);
        all.add(1, next);
        return all;
    }

    /** This ring with a key published ahead of the rotation that will make it current. */
    KeyRing withNext(SigningKey upcoming) {
        return new KeyRing(keys, upcoming);
    }

    /**
     * A ring where {@code incoming} signs and the previous current key is retired at {@code now}. If {@code incoming}
     * is the pre-published next key, it is no longer "next"; any other next key stays next.
     */
    KeyRing rotatedTo(SigningKey incoming, Instant now) {
        List<SigningKey> rotated = new ArrayList<>();
        rotated.add(incoming);
        for (SigningKey key : keys) {
            if (key.kid().equals(incoming.kid())) {
                continue; // re-importing a retired key makes it current again, not listed twice
            }
            rotated.add(key.retiredAt() == null ? key.retired(now) : key);
        }
        boolean nextUsed = next != null && next.kid().equals(incoming.kid());
        return new KeyRing(rotated, nextUsed ? null : next);
    }

    /** This ring without its next key (which signed nothing, so it can go at once). */
    KeyRing withoutNext() {
        return next == null ? this : new KeyRing(keys, null);
    }

    /**
     * This ring without the retired keys whose every token has expired by {@code now}: a key retired at R signed its
     * last token at R at the latest, which is valid until R + the longest lifetime, plus the clock skew a verifier
     * allows.
     */
    KeyRing withoutExpired(Instant now, Duration retention) {
        List<SigningKey> kept = keys.stream()
                .filter(key ->
                        key.retiredAt() == null || now.isBefore(key.retiredAt().plus(retention)))
                .toList();
        return kept.size() == keys.size() ? this : new KeyRing(kept, next);
    }

    /** The earliest instant at which a retired key drops out, or {@code null} if none is retired. */
    Instant nextExpiry(Duration retention) {
        return keys.stream()
                .filter(key -> key.retiredAt() != null)
                .map(key -> key.retiredAt().plus(retention))
                .min(Instant::compareTo)
                .orElse(null);
    }

    KeyRingState toState() {
        return new KeyRingState(
                keys.stream().map(SigningKey::toRecord).toList(), next == null ? null : next.toRecord());
    }
}
