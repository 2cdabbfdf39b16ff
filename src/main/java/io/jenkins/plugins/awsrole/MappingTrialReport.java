package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.session.TrustTrial;
import io.jenkins.plugins.awsrole.engine.trust.AccessDecision;

/**
 * What the "Test" button of a trust mapping reports: the plugin's own decision for the typed identity, then AWS's
 * answer for it, and how the two compare. Never any credential: AWS's session is named by its ARN only.
 *
 * @param kind {@code OK} when both admit the identity, {@code WARNING} when they disagree in the direction that matters
 *     less, {@code ERROR} when AWS refuses (or cannot tell) an identity the mapping admits
 * @param text the report, one finding a sentence
 */
record MappingTrialReport(Kind kind, String text) {

    enum Kind {
        OK,
        WARNING,
        ERROR
    }

    static MappingTrialReport of(AccessDecision decision, TrustTrial.Answer answer) {
        String plugin = decision.isAllowed()
                ? Messages.MappingTrial_PluginAllows()
                : Messages.MappingTrial_PluginRefuses(decision.message());
        if (answer.accepted()) {
            String aws = Messages.MappingTrial_AwsAccepts(answer.subject(), answer.sessionArn());
            return decision.isAllowed()
                    ? new MappingTrialReport(Kind.OK, plugin + " " + aws)
                    : new MappingTrialReport(Kind.WARNING, plugin + " " + aws + " " + Messages.MappingTrial_AwsWider());
        }
        String aws = answer.accessDenied()
                ? Messages.MappingTrial_AwsRefuses(answer.refusal().getMessage())
                : Messages.MappingTrial_AwsUnclear(answer.refusal().getMessage());
        return decision.isAllowed() || !answer.accessDenied()
                ? new MappingTrialReport(Kind.ERROR, plugin + " " + aws)
                : new MappingTrialReport(Kind.OK, plugin + " " + aws);
    }
}
