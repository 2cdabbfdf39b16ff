package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.session.TrustTrial;
import io.jenkins.plugins.awsrole.engine.trust.AccessDecision;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.List;

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

    /** Ends the session names of test sessions, so they stand out in CloudTrail. */
    static final String BLOCK_ID = "test";

    /**
     * The build the administrator asks about: the typed job and branch, as build {@link TrialAudit#MAPPING_TEST_BUILD}.
     */
    static BuildIdentity syntheticIdentity(String job, String branch) {
        return new BuildIdentity(
                job.strip(),
                TrialAudit.MAPPING_TEST_BUILD,
                null,
                branch == null || branch.isBlank() ? null : branch.strip(),
                null,
                false,
                false);
    }

    /**
     * Tests one mapping with a synthetic identity: the mapping's own decision, then AWS's answer to a real token.
     *
     * @param audit told of the token and of AWS's answer
     * @throws IllegalArgumentException when no token can be minted for the identity (the message says why)
     * @throws InterruptedException when interrupted while STS calls are retried
     */
    static MappingTrialReport test(
            TrustTrial trial, TrustMapping mapping, BuildIdentity identity, TrustTrial.Listener audit)
            throws InterruptedException {
        AccessDecision decision = TrustMappings.of(List.of(mapping)).decide(mapping.stage(), identity);
        return of(decision, trial.ask(mapping, identity, BLOCK_ID, audit));
    }

    static MappingTrialReport of(AccessDecision decision, TrustTrial.Answer answer) {
        String plugin = decision.isAllowed()
                ? Messages.MappingTrial_PluginAllows()
                : Messages.MappingTrial_PluginRefuses(decision.message());
        if (answer.accepted()) {
            String aws = Messages.MappingTrial_AwsAccepts(answer.subject(), answer.sessionArn(), answer.expiration());
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
