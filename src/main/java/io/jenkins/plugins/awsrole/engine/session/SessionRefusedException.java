package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.trust.DenialReason;
import java.util.Optional;

/**
 * The plugin refused a block its role before asking AWS: the trust mappings do not allow this build, or the block
 * asked for more than its mapping allows. The message names the rule and what to change.
 */
public final class SessionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient DenialReason reason;

    SessionRefusedException(String message, DenialReason reason) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The trust rule that failed; empty when the block asked for more than the mapping allows. */
    public Optional<DenialReason> reason() {
        return Optional.ofNullable(reason);
    }
}
