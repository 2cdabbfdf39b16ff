package io.jenkins.plugins.awsrole.engine.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The loaded keys: the current signing key first, then retired keys still published, newest first. Immutable; every
 * change gives a new ring, so readers never see a half-rotated state.
 */
final class KeyRing {

    private final List<SigningKey> keys;

    private KeyRing(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    static KeyRing of(SigningKey current) {
        return new KeyRing(List.of(current));
    }

    static KeyRing load(KeyRingState state) {
        return new KeyRing(state.keys().stream().map(SigningKey::fromRecord).toList());
    }

    SigningKey current() {
        return keys.get(0);
    }

    /** Every key whose public half is in the JWKS. */
    List<SigningKey> published() {
        return keys;
    }

    /** A ring where {@code next} signs and the previous current key is retired at {@code now}. */
    KeyRing rotatedTo(SigningKey next, Instant now) {
        List<SigningKey> rotated = new ArrayList<>();
        rotated.add(next);
        for (SigningKey key : keys) {
            if (key.kid().equals(next.kid())) {
                continue; // re-importing a retired key makes it current again, not listed twice
            }
            rotated.add(key.retiredAt() == null ? key.retired(now) : key);
        }
        return new KeyRing(rotated);
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
        return kept.size() == keys.size() ? this : new KeyRing(kept);
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
        return new KeyRingState(keys.stream().map(SigningKey::toRecord).toList());
    }
}
