package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.List;

/**
 * What one stage needs from its role's trust policy: one statement that lets the issuer's tokens for this stage in.
 *
 * @param stage the stage name
 * @param jobPatterns the mapping's job patterns, as written (for comments and messages)
 * @param audience the {@code aud} the tokens carry; the statement pins it with {@code StringEquals}
 * @param subPatterns the {@code sub} patterns for {@code StringLike}, from {@link SubjectPatterns#forJobs}
 * @param actions {@code sts:AssumeRoleWithWebIdentity}, plus {@code sts:TagSession} and {@code sts:SetSourceIdentity}
 *     when the mapping sends session tags or a source identity (AWS refuses the token otherwise)
 * @param sessionDurationSeconds the mapping's session duration; the role's maximum must be at least this
 * @param sessionPolicy the mapping's session policy (JSON), or {@code null}; the drift check looks at it too
 * @param widerInAws whether AWS matches some job (or, when the template carries them, branch or tag) pattern more
 *     widely than the plugin ({@code *} or {@code ?} within a segment), see {@link SubjectPatterns}
 * @param transitiveTagKeys the session tag keys the mapping marks transitive; the statement allows those and no
 *     others ({@code ForAllValues:StringEquals} on {@code sts:TransitiveTagKeys}); empty for none
 */
public record StageTrust(
        String stage,
        List<String> jobPatterns,
        String audience,
        List<String> subPatterns,
        List<String> actions,
        int sessionDurationSeconds,
        String sessionPolicy,
        boolean widerInAws,
        List<String> transitiveTagKeys) {

    public static final String ASSUME = "sts:AssumeRoleWithWebIdentity";
    public static final String TAG_SESSION = "sts:TagSession";
    public static final String SET_SOURCE_IDENTITY = "sts:SetSourceIdentity";

    public StageTrust {
        jobPatterns = List.copyOf(jobPatterns);
        subPatterns = List.copyOf(subPatterns);
        actions = List.copyOf(actions);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }

    /** The condition key that lists the transitive tag keys of a request. */
    public static final String TRANSITIVE_TAG_KEYS = "sts:TransitiveTagKeys";
}
