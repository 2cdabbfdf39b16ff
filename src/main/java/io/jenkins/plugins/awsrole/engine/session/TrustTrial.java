package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.oidc.TokenFacts;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Asks AWS whether it would let a synthetic build have a mapping's role, skipping the plugin's own decision: a token
 * for that build and stage goes straight to STS. Used to test a mapping's trust policy from the configuration page
 * ({@link #ask}: AWS should accept) and to probe it on purpose ({@link #probe}: AWS should refuse).
 *
 * <p>{@link #ask} sends exactly what a build of that identity would: the same token (the configured {@code sub}
 * template, the mapping's audience, its session tags and source identity) and the same call (its session policy,
 * managed policy ARNs and session duration), so that a test cannot pass where the build would fail, on {@code
 * sts:TagSession} for example. {@link #probe} sends only {@code sub} and {@code aud} and asks for the shortest session
 * STS allows (15 minutes): tags or a source identity would need permissions of their own, and AWS could then refuse
 * for them rather than for the identity, which would hide a trust policy that admits it.
 *
 * <p>If AWS issues credentials, they are dropped at once, unused: only the session's ARN is kept, so that it can be
 * found in CloudTrail.
 *
 * <p>Whoever asks is told of each token signed and of AWS's answer ({@link Listener}), so that the controller's audit
 * trail shows who made it sign a token for which {@code sub}, and whether AWS gave a session for it.
 */
public final class TrustTrial {

    /**
     * Told of what a trial does: the audit trail's "token issued", then "session obtained" or "refused". It is given
     * the token's facts, never the token, and no credential.
     */
    public interface Listener {
        /**
         * A token was signed for the trial; called before it goes to STS, so it is heard of even if STS never answers.
         *
         * @param sessionName the session the token is for
         */
        void tokenIssued(TrustMapping mapping, String sessionName, TokenFacts token);

        /** AWS answered; credentials it issued are already dropped. Not called when STS could not be asked at all. */
        void answered(TrustMapping mapping, Answer answer);
    }

    private final OidcIssuer issuer;
    private final StsExchange sts;
    private final BrokerSettings settings;

    /**
     * @param settings the controller's settings: {@code sub} template, token lifetime, the STS region of mappings that
     *     name none, and the STS endpoint
     */
    public TrustTrial(OidcIssuer issuer, StsExchange sts, BrokerSettings settings) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.sts = Objects.requireNonNull(sts, "sts");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * With the default {@code sub} template and token lifetime.
     *
     * @param fallbackRegion the STS region when the mapping names none
     * @param endpoint an STS endpoint override, or {@code null}
     */
    public TrustTrial(OidcIssuer issuer, StsExchange sts, String fallbackRegion, URI endpoint) {
        this(issuer, sts, new BrokerSettings(TokenRequest.DEFAULT_LIFETIME, fallbackRegion, endpoint));
    }

    /**
     * What AWS answers to exactly what a build of this identity would send (the mapping's "Test" button).
     *
     * @param blockId ends the session name, so trial sessions stand out in CloudTrail (for example {@code test})
     * @param listener told of the token signed and of AWS's answer
     * @throws IllegalArgumentException when no token can be minted for the identity (the message says why)
     * @throws InterruptedException when interrupted while STS calls are retried
     */
    public Answer ask(TrustMapping mapping, BuildIdentity identity, String blockId, Listener listener)
            throws InterruptedException {
        return trial(
                mapping,
                identity,
                blockId,
                listener,
                SessionBroker.tokenRequest(mapping, identity, settings),
                mapping.sessionDurationSeconds(),
                true);
    }

    /**
     * What AWS answers to a bare token of this identity: {@code sub} and {@code aud} only, no policy, the shortest
     * session (the probe).
     *
     * @throws IllegalArgumentException when no token can be minted for the identity (the message says why)
     * @throws InterruptedException when interrupted while STS calls are retried
     */
    public Answer probe(TrustMapping mapping, BuildIdentity identity, String blockId, Listener listener)
            throws InterruptedException {
        return trial(
                mapping,
                identity,
                blockId,
                listener,
                bareTokenRequest(mapping, identity, settings.subjectTemplate()),
                ExchangeRequest.MIN_DURATION_SECONDS,
                false);
    }

    private Answer trial(
            TrustMapping mapping,
            BuildIdentity identity,
            String blockId,
            Listener listener,
            TokenRequest tokenRequest,
            int durationSeconds,
            boolean withPolicies)
            throws InterruptedException {
        Objects.requireNonNull(listener, "listener");
        String sessionName = SessionNames.forBlock(identity.jobFullName(), identity.buildNumber(), blockId);
        MintedToken token = issuer.mint(tokenRequest);
        listener.tokenIssued(mapping, sessionName, token.facts());
        String region = mapping.region() != null ? mapping.region() : settings.stsRegion();
        ExchangeRequest.Builder request = withPolicies
                ? SessionBroker.exchange(mapping, sessionName, token, region, durationSeconds, settings)
                : ExchangeRequest.builder()
                        .roleArn(mapping.roleArn())
                        .sessionName(sessionName)
                        .webIdentityToken(token.token())
                        .region(region)
                        .durationSeconds(durationSeconds);
        if (!withPolicies && settings.stsEndpoint() != null) {
            request.endpoint(settings.stsEndpoint());
        }
        Answer answer;
        try {
            // Only the session's name, ARN and expiry are kept: the credentials go no further than this line.
            RoleSession session = sts.exchange(request.build());
            answer = new Answer(token.subject(), sessionName, session.assumedRoleArn(), session.expiration(), null);
        } catch (StsExchangeException e) {
            answer = new Answer(token.subject(), sessionName, null, null, e);
        }
        listener.answered(mapping, answer);
        return answer;
    }

    /** The token a probe signs for an identity: the stage's {@code sub} from the template and the mapping's audience. */
    public static TokenRequest bareTokenRequest(
            TrustMapping mapping, BuildIdentity identity, SubjectTemplate template) {
        return TokenRequest.of(identity, mapping.stage())
                .withSubjectTemplate(template)
                .withAudience(mapping.audience());
    }

    /**
     * AWS's answer.
     *
     * @param subject the token's {@code sub}
     * @param sessionName the role session name asked for
     * @param sessionArn the assumed-role ARN when AWS accepted, else {@code null}
     * @param expiration when the dropped credentials expire, when AWS accepted, else {@code null}
     * @param refusal what STS answered instead, else {@code null}; its message says what to fix
     */
    public record Answer(
            String subject, String sessionName, String sessionArn, Instant expiration, StsExchangeException refusal) {

        public boolean accepted() {
            return sessionArn != null;
        }

        /** Whether AWS refused the role itself (rather than failing for another reason, such as throttling). */
        public boolean accessDenied() {
            return refusal != null && "AccessDenied".equals(refusal.code());
        }
    }
}
