package io.jenkins.plugins.awsrole.engine.oidc;

import java.time.Instant;

/**
 * A signed token and the facts about it that error messages and audit need. The token is a bearer credential for the
 * few minutes it lives: {@link #toString()} leaves it out.
 *
 * @param token the compact JWS to pass to STS as {@code WebIdentityToken}
 * @param subject its {@code sub}
 * @param audience its {@code aud}
 * @param keyId the {@code kid} of the key that signed it
 * @param jwtId its {@code jti}
 * @param issuedAt its {@code iat} (also its {@code nbf})
 * @param expiresAt its {@code exp}
 */
public record MintedToken(
        String token,
        String subject,
        String audience,
        String keyId,
        String jwtId,
        Instant issuedAt,
        Instant expiresAt) {

    /** Everything but the token itself. */
    public TokenFacts facts() {
        return new TokenFacts(subject, audience, keyId, jwtId, issuedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "MintedToken[sub=" + subject + ", aud=" + audience + ", kid=" + keyId + ", jti=" + jwtId + ", iat="
                + issuedAt + ", exp=" + expiresAt + "]";
    }
}
