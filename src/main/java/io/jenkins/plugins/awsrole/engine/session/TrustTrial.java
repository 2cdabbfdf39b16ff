package io.jenkins.plugins.awsrole.engine.session;

import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.oidc.OidcIssuer;
import io.jenkins.plugins.awsrole.engine.oidc.TokenRequest;
import io.jenkins.plugins.awsrole.engine.sts.ExchangeRequest;
import io.jenkins.plugins.awsrole.engine.sts.SessionNames;
import io.jenkins.plugins.awsrole.engine.sts.StsExchange;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import java.net.URI;
import java.util.Objects;

/**
 * Asks AWS whether it would let a synthetic build have a mapping's role, skipping the plugin's own decision: a token
 * for that build and stage goes straight to STS. Used to test a mapping's trust policy from the configuration page
 * (AWS should accept) and to probe it on purpose (AWS should refuse).
 *
 * <p>If AWS issues credentials, they are dropped at once, unused: only the session's ARN is kept, so that it can be
 * found in CloudTrail. Sessions are asked for the shortest duration STS allows (15 minutes).
 */
public final class TrustTrial {

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
     * @throws IllegalArgumentException when no token can be minted for the identity (the message says why)
     * @throws InterruptedException when interrupted while STS calls are retried
     */
    public Answer ask(TrustMapping mapping, BuildIdentity identity, String blockId) throws InterruptedException {
        MintedToken token =
                issuer.mint(TokenRequest.of(identity, mapping.stage()).withAudience(mapping.audience()));
        ExchangeRequest.Builder request = ExchangeRequest.builder()
                .roleArn(mapping.roleArn())
                .sessionName(SessionNames.forBlock(identity.jobFullName(), identity.buildNumber(), blockId))
                .webIdentityToken(token.token())
                .region(mapping.region() != null ? mapping.region() : fallbackRegion)
                .durationSeconds(ExchangeRequest.MIN_DURATION_SECONDS);
        if (endpoint != null) {
            request.endpoint(endpoint);
        }
        try {
            return new Answer(token.subject(), sts.exchange(request.build()).assumedRoleArn(), null);
        } catch (StsExchangeException e) {
            return new Answer(token.subject(), null, e);
        }
    }

    /**
     * AWS's answer.
     *
     * @param subject the token's {@code sub}
     * @param sessionArn the assumed-role ARN when AWS accepted, else {@code null}
     * @param refusal what STS answered instead, else {@code null}; its message says what to fix
     */
    public record Answer(String subject, String sessionArn, StsExchangeException refusal) {

        public boolean accepted() {
            return sessionArn != null;
        }

        /** Whether AWS refused the role itself (rather than failing for another reason, such as throttling). */
        public boolean accessDenied() {
            return refusal != null && "AccessDenied".equals(refusal.code());
        }
    }
}
