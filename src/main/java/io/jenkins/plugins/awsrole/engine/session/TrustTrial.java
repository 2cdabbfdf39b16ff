package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
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
 * (AWS should accept) and to probe it on purpose (AWS should refuse).
 *
 * <p>If AWS issues credentials, they are dropped at once, unused: only the session's ARN is kept, so that it can be
 * found in CloudTrail. Sessions are asked for the shortest duration STS allows (15 minutes).
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
    private final String fallbackRegion;
    private final URI endpoint;

    /**
     * @param fallbackRegion the STS region when the mapping names none
     * @param endpoint an STS endpoint override, or {@code null}
     */
    public TrustTrial(OidcIssuer issuer, StsExchange sts, String fallbackRegion, URI endpoint) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.sts = Objects.requireNonNull(sts, "sts");
        this.fallbackRegion = Objects.requireNonNull(fallbackRegion, "fallbackRegion");
        this.endpoint = endpoint;
    }

    /**
     * What AWS answers.
     *
     * @param blockId ends the session name, so trial sessions stand out in CloudTrail (for example {@code probe})
     * @param listener told of the token signed and of AWS's answer
     * @throws IllegalArgumentException when no token can be minted for the identity (the message says why)
     * @throws InterruptedException when interrupted while STS calls are retried
     */
    public Answer ask(TrustMapping mapping, BuildIdentity identity, String blockId, Listener listener)
            throws InterruptedException {
        Objects.requireNonNull(listener, "listener");
        String sessionName = SessionNames.forBlock(identity.jobFullName(), identity.buildNumber(), blockId);
        MintedToken token = issuer.mint(tokenRequest(mapping, identity));
        listener.tokenIssued(mapping, sessionName, token.facts());
        ExchangeRequest.Builder request = ExchangeRequest.builder()
                .roleArn(mapping.roleArn())
                .sessionName(sessionName)
                .webIdentityToken(token.token())
                .region(mapping.region() != null ? mapping.region() : fallbackRegion)
                .durationSeconds(ExchangeRequest.MIN_DURATION_SECONDS);
        if (endpoint != null) {
            request.endpoint(endpoint);
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

    /** The token a trial signs for an identity: the stage's {@code sub} and the mapping's audience, nothing more. */
    public static TokenRequest tokenRequest(TrustMapping mapping, BuildIdentity identity) {
        return TokenRequest.of(identity, mapping.stage()).withAudience(mapping.audience());
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
