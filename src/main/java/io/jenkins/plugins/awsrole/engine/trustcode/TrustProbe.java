package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.session.BrokerSettings;
import io.jenkins.plugins.awsrole.engine.session.TrustTrial;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.trust.AccessDecision;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * "Break it on purpose": checks that AWS itself refuses an identity the trust mapping keeps out.
 *
 * <p>The probe mints a real token for a synthetic build of the stage (the configured {@code sub} template, the
 * mapping's audience) and sends it straight to STS, <em>skipping the plugin's own decision</em>, which would otherwise refuse it
 * first. AWS must answer {@code AccessDenied} ({@link ProbeOutcome#PASS}). If AWS issues credentials instead
 * ({@link ProbeOutcome#FAIL}), they are dropped at once, unused; the result names the session so it can be found in
 * CloudTrail (and revoked, where revocation is set up). The token carries no session tags or source identity, which
 * can only make AWS more willing to accept it: the probe errs towards reporting a failure.
 *
 * <p>An identity the mapping itself admits proves nothing (AWS is supposed to accept it), so the probe says so and
 * does not call AWS. Nor does it sign a token whose {@code sub} a build the mapping admits could also have (the
 * {@code sub} leaves out what the mapping refused on, such as the branch): AWS cannot tell the two apart, so the token
 * would be a real session of the role, logged as the admitted build ({@link AdmittedTwin}). Results name the stage,
 * never the role's ARN or account, because they go to build logs. Sessions are asked for the shortest duration STS allows (15 minutes). Every token the probe signs,
 * and AWS's answer to it, goes to the caller's {@link TrustTrial.Listener}. Thread-safe if the issuer and the exchange
 * are.
 */
public final class TrustProbe {

    /** The block id of probe sessions: their names end in {@code -probe}. */
    public static final String BLOCK_ID = "probe";

    private final TrustMappings mappings;
    private final OidcIssuer issuer;
    private final StsExchange sts;
    private final BrokerSettings settings;

    /**
     * @param mappings the configured mappings
     * @param issuer the issuer AWS trusts
     * @param sts the STS exchange
     * @param settings the controller's {@code sub} template, the STS region of mappings that name none, and the STS
     *     endpoint
     */
    public TrustProbe(TrustMappings mappings, OidcIssuer issuer, StsExchange sts, BrokerSettings settings) {
        this.mappings = Objects.requireNonNull(mappings, "mappings");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.sts = Objects.requireNonNull(sts, "sts");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * With the default {@code sub} template.
     *
     * @param region the STS region when the mapping names none
     * @param endpoint an STS endpoint override, or {@code null}
     */
    public TrustProbe(TrustMappings mappings, OidcIssuer issuer, StsExchange sts, String region, URI endpoint) {
        this(
                mappings,
                issuer,
                sts,
                new BrokerSettings(TokenRequest.DEFAULT_LIFETIME, Objects.requireNonNull(region, "region"), endpoint));
    }

    /**
     * Probes a stage with an identity.
     *
     * @param stage the stage whose role to try
     * @param identity who to pretend to be, e.g. {@code BuildIdentity.ofJob("team/app/feature-x", 1, null)}
     * @param listener told of the probe token and of AWS's answer, when AWS is asked (for the audit trail)
     * @throws InterruptedException when interrupted while STS calls are retried
     */
    public ProbeResult probe(String stage, BuildIdentity identity, TrustTrial.Listener listener)
            throws InterruptedException {
        Optional<TrustMapping> found =
                mappings.all().stream().filter(m -> m.stage().equals(stage)).findFirst();
        if (found.isEmpty()) {
            return new ProbeResult(
                    ProbeOutcome.ERROR, stage, null, false, "There is no stage '" + stage + "' to probe.");
        }
        TrustMapping mapping = found.get();
        AccessDecision decision = mappings.decide(stage, identity);
        if (decision.isAllowed()) {
            return new ProbeResult(
                    ProbeOutcome.ERROR,
                    stage,
                    null,
                    true,
                    "The probe is meaningless: stage '" + stage + "' admits job '" + identity.jobFullName()
                            + "' itself, so AWS is expected to accept it. Probe with an identity the mapping refuses.");
        }
        SubjectTemplate template = settings.subjectTemplate();
        String subject;
        try {
            subject = template.render(identity, stage);
        } catch (IllegalArgumentException e) {
            return new ProbeResult(
                    ProbeOutcome.ERROR, stage, null, false, "Could not mint a probe token: " + e.getMessage());
        }
        Optional<BuildIdentity> twin = AdmittedTwin.find(mappings, mapping, template, identity, subject);
        if (twin.isPresent()) {
            return new ProbeResult(
                    ProbeOutcome.ERROR, stage, subject, false, indistinguishable(stage, subject, twin.get()));
        }
        TrustTrial.Answer answer;
        try {
            answer = new TrustTrial(issuer, sts, settings).probe(mapping, identity, BLOCK_ID, listener);
        } catch (RuntimeException e) {
            return new ProbeResult(
                    ProbeOutcome.ERROR, stage, null, false, "Could not mint a probe token: " + e.getMessage());
        }
        // What the build log gets: no role ARN, account id or AWS message (which names both); the audit trail,
        // for administrators, has them.
        String sub = answer.subject();
        if (answer.accessDenied()) {
            return new ProbeResult(
                    ProbeOutcome.PASS,
                    stage,
                    sub,
                    false,
                    "AWS refused sub '" + sub + "' for the role of stage '" + stage
                            + "' (AccessDenied), as the mapping does: the trust policy keeps it out.");
        }
        if (!answer.accepted()) {
            return new ProbeResult(
                    ProbeOutcome.ERROR,
                    stage,
                    sub,
                    false,
                    "Could not tell: STS answered " + answer.refusal().code()
                            + " rather than allowing or refusing the role. AWS's whole answer is in the audit trail"
                            + " (Manage Jenkins, Recent AWS sessions).");
        }
        return new ProbeResult(
                ProbeOutcome.FAIL,
                stage,
                sub,
                false,
                "AWS issued credentials for sub '" + sub + "' on the role of stage '" + stage + "' (session "
                        + answer.sessionName() + "), although the mapping refuses it (" + decision.message()
                        + "). The trust policy is wider than the mapping: replace it with the exported one. The probe"
                        + " dropped the credentials unused; they expire within 15 minutes. The session's ARN is in"
                        + " the audit trail.");
    }

    private static String indistinguishable(String stage, String subject, BuildIdentity twin) {
        return "AWS cannot tell this identity from an admitted one: sub '" + subject + "' is also the sub of job '"
                + twin.jobFullName() + "'" + (twin.branch() == null ? "" : " on branch '" + twin.branch() + "'")
                + (twin.changeRequestId() == null ? "" : " (change request " + twin.changeRequestId() + ")")
                + ", which stage '" + stage + "' admits, so AWS would issue a real session of the role for it. The"
                + " probe signed no token. To have AWS refuse what the mapping refuses, an administrator adds what the"
                + " mapping decides on to the sub template (ref_type:${ref_type}:branch:${branch}, and tag:${tag} for"
                + " tags; Manage Jenkins > System > AWS OIDC Role) and applies the exported trust policy, or makes the"
                + " mapping refuse by what the sub carries (the job).";
    }
}
