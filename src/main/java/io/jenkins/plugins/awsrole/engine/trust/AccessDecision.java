package io.jenkins.plugins.awsrole.engine.trust;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a build may have a stage's role: allowed with the mapping to use, or denied with the rule it failed and a
 * message that says what to change. Made by {@link TrustMappings#decide}.
 */
public final class AccessDecision {

    private final TrustMapping mapping;
    private final DenialReason reason;
    private final String stage;
    private final String message;

    private AccessDecision(TrustMapping mapping, DenialReason reason, String stage, String message) {
        this.mapping = mapping;
        this.reason = reason;
        this.stage = stage;
        this.message = message;
    }

    static AccessDecision allow(TrustMapping mapping, BuildIdentity build) {
        return new AccessDecision(
                mapping,
                null,
                mapping.stage(),
                "Job '" + build.jobFullName() + "' #" + build.buildNumber() + " may use stage '" + mapping.stage()
                        + "' (role " + mapping.roleArn() + ").");
    }

    static AccessDecision deny(DenialReason reason, String stage, String message) {
        return new AccessDecision(null, Objects.requireNonNull(reason), stage, message);
    }

    /** Whether the build may have the role. */
    public boolean isAllowed() {
        return reason == null;
    }

    /**
     * The mapping to use.
     *
     * @throws IllegalStateException when the decision is a denial
     */
    public TrustMapping mapping() {
        if (mapping == null) {
            throw new IllegalStateException("Access was denied (" + reason.rule() + "): " + message);
        }
        return mapping;
    }

    /** The rule that failed, or empty when allowed. */
    public Optional<DenialReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** The stage asked for. */
    public String stage() {
        return stage;
    }

    /** For a denial, what failed and what to change; for an allowance, which role the build gets. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return isAllowed() ? "Allowed[" + message + "]" : "Denied[" + reason.rule() + ": " + message + "]";
    }
}
