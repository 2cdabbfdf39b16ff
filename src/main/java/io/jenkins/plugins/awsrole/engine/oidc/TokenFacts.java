package io.jenkins.plugins.awsrole.engine.oidc;

import java.time.Instant;

/**
 * What can be said about a signed token without the token: who it was for and how to find it again (its {@code jti}).
 * Holding no token, it can be handed to listeners and written to the audit trail as it is.
 *
 * @param subject its {@code sub}
 * @param audience its {@code aud}
 * @param keyId the {@code kid} of the key that signed it
 * @param jwtId its {@code jti}
 * @param issuedAt its {@code iat} (also its {@code nbf})
 * @param expiresAt its {@code exp}
 */
public record TokenFacts(
        String subject, String audience, String keyId, String jwtId, Instant issuedAt, Instant expiresAt) {

    /** {@code sub=<sub> aud=<aud> kid=<kid> jti=<jti>}: how audit messages name a token. */
    public String describe() {
        return "sub=" + subject + " aud=" + audience + " kid=" + keyId + " jti=" + jwtId;
    }
}
