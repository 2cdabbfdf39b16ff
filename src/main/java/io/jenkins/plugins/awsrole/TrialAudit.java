package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.oidc.TokenFacts;
import io.jenkins.plugins.awsrole.engine.session.TrustTrial;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.time.Instant;

/**
 * Records a trust trial in the audit trail: the token it made the controller sign ({@code TOKEN_ISSUED}), and AWS's
 * answer, credentials issued ({@code SESSION_OBTAINED}, outcome {@code dropped}) or a refusal ({@code REFUSED}, rule
 * {@link #PROBE_RULE} or {@link #MAPPING_TEST_RULE}). The events carry the job and build of whoever asked, and a
 * message that starts with what the trial was, so that a trial never passes for a block's own session.
 *
 * <p>A refusal is recorded although, for a probe, it is the answer hoped for: then every trial token is followed by
 * its outcome, and the trail can tell "AWS refused" from "AWS was never reached" without guessing from an absence.
 */
final class TrialAudit implements TrustTrial.Listener {

    /** The rule of the {@code REFUSED} event of a probe that AWS refused. */
    static final String PROBE_RULE = "probe";

    /** The rule of the {@code REFUSED} event of a mapping test that AWS refused. */
    static final String MAPPING_TEST_RULE = "mapping-test";

    /**
     * The build number of a mapping test's synthetic identity. Jenkins numbers builds from 1, so the events of a test
     * never appear on a real build's "AWS sessions" page.
     */
    static final long MAPPING_TEST_BUILD = 0;

    private final AuditLog audit;
    private final String job;
    private final long build;
    private final String trial;
    private final String rule;
    private final String accepted;

    private TrialAudit(AuditLog audit, String job, long build, String trial, String rule, String accepted) {
        this.audit = audit;
        this.job = job;
        this.build = build;
        this.trial = trial;
        this.rule = rule;
        this.accepted = accepted;
    }

    /**
     * For {@code awsRoleProbe}: the events belong to the probing build, and name the identity it pretended to be.
     *
     * @param job the probing build's job
     * @param build the probing build's number
     * @param pretended the synthetic identity the probe token is for
     */
    static TrialAudit probe(AuditLog audit, String job, long build, BuildIdentity pretended) {
        return new TrialAudit(
                audit,
                job,
                build,
                "probe as " + identity(pretended),
                PROBE_RULE,
                "AWS accepted an identity the mapping refuses; credentials dropped unused");
    }

    /**
     * For a mapping's "Test" button: the events belong to the synthetic identity the administrator typed (whose build
     * number is {@link #MAPPING_TEST_BUILD}), and name the administrator.
     *
     * @param userId who pressed the button
     */
    static TrialAudit mappingTest(AuditLog audit, String userId, BuildIdentity synthetic) {
        return new TrialAudit(
                audit,
                synthetic.jobFullName(),
                synthetic.buildNumber(),
                "mapping test for " + identity(synthetic) + " by user " + userId,
                MAPPING_TEST_RULE,
                "AWS accepted; credentials dropped unused");
    }

    private static String identity(BuildIdentity identity) {
        return "job " + identity.jobFullName() + (identity.branch() == null ? "" : " branch " + identity.branch());
    }

    @Override
    public void tokenIssued(TrustMapping mapping, String sessionName, TokenFacts token) {
        audit.record(event(
                AuditEvent.Kind.TOKEN_ISSUED,
                mapping,
                sessionName,
                token.expiresAt(),
                "issued",
                null,
                trial + ": " + token.describe()));
    }

    @Override
    public void answered(TrustMapping mapping, TrustTrial.Answer answer) {
        if (answer.accepted()) {
            audit.record(event(
                    AuditEvent.Kind.SESSION_OBTAINED,
                    mapping,
                    answer.sessionName(),
                    answer.expiration(),
                    "dropped",
                    null,
                    trial + ": " + accepted + " (sub=" + answer.subject() + " session " + answer.sessionArn() + ")"));
            return;
        }
        // A refusal's fix hints are for the build log or the form, which show them; the trail keeps what AWS said.
        boolean denied = answer.accessDenied();
        audit.record(event(
                AuditEvent.Kind.REFUSED,
                mapping,
                answer.sessionName(),
                null,
                denied ? "refused" : "failed",
                rule,
                trial + ": AWS answered " + answer.refusal().code() + " for sub=" + answer.subject()
                        + (denied ? "" : ": " + answer.refusal().getMessage())));
    }

    private AuditEvent event(
            AuditEvent.Kind kind,
            TrustMapping mapping,
            String sessionName,
            Instant expiry,
            String outcome,
            String eventRule,
            String message) {
        return new AuditEvent(
                Instant.now(),
                kind,
                job,
                build,
                mapping.stage(),
                mapping.roleArn(),
                sessionName,
                expiry,
                outcome,
                eventRule,
                message);
    }
}
