package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.trust.IamArn;
import java.util.List;

/**
 * What one IAM role must look like for the mappings that use it: trusted by the issuer's OIDC provider, one statement
 * per stage (usually one stage per role), and a maximum session duration long enough for every one of them.
 *
 * @param arn the role
 * @param providerArn the IAM OIDC provider of the issuer in the role's account
 * @param conditionPrefix the provider URL without {@code https://}: condition keys are {@code <prefix>:aud} and
 *     {@code <prefix>:sub}
 * @param maxSessionDurationSeconds at least 3600 (IAM's minimum) and at least every stage's session duration
 * @param stages the stages mapped to this role, by name
 */
public record RoleTrust(
        IamArn arn,
        String providerArn,
        String conditionPrefix,
        int maxSessionDurationSeconds,
        List<StageTrust> stages) {

    public RoleTrust {
        stages = List.copyOf(stages);
    }

    /** The condition key for {@code aud}. */
    public String audienceKey() {
        return conditionPrefix + ":aud";
    }

    /** The condition key for {@code sub}. */
    public String subjectKey() {
        return conditionPrefix + ":sub";
    }

    /** The stage names, for messages. */
    public String stageNames() {
        return String.join(", ", stages.stream().map(StageTrust::stage).toList());
    }
}
