package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerSettings;
import io.jenkins.plugins.awsrole.engine.oidc.KeyRingState;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the one {@link OidcIssuer} of the controller in step with its configuration: created on first use from the
 * stored keys (or with a new key), reconfigured when the settings change, and recreated from the stored keys when an
 * administrator supplies new ones.
 *
 * <p>It has its own lock, never the configuration's: the issuer reports key changes while holding its lock, and the
 * configuration saves them while holding the configuration's, so taking both here in the other order could deadlock.
 */
final class IssuerHolder {

    private final Supplier<KeyRingState> storedKeys;
    private final Consumer<KeyRingState> keysChanged;
    private final Clock clock;
    private OidcIssuer issuer;

    /**
     * @param storedKeys the persisted keys, or {@code null} before the first key exists
     * @param keysChanged persists new keys (encrypted); called whenever the issuer creates, rotates or drops a key
     */
    IssuerHolder(Supplier<KeyRingState> storedKeys, Consumer<KeyRingState> keysChanged, Clock clock) {
        this.storedKeys = storedKeys;
        this.keysChanged = keysChanged;
        this.clock = clock;
    }

    /** The issuer for these settings, created or reconfigured as needed. */
    synchronized OidcIssuer issuer(IssuerSettings settings) {
        if (issuer == null) {
            issuer = OidcIssuer.create(settings, storedKeys.get(), clock, keysChanged);
        } else if (!issuer.settings().equals(settings)) {
            issuer = issuer.withSettings(settings);
        }
        return issuer;
    }

    /** Forgets the issuer, so that the next use loads the stored keys again (after keys were supplied from outside). */
    synchronized void reload() {
        issuer = null;
    }
}
