package io.jenkins.plugins.awsrole.engine.sts;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.List;

/**
 * The few claims of a web identity token that error messages quote: {@code iss}, {@code sub}, {@code aud}, and
 * whether it carries session tags or a source identity. Read WITHOUT verifying the signature: this only explains a
 * refusal of a token that Jenkins itself minted, it never decides anything.
 */
record UnverifiedClaims(String issuer, String subject, String audience, boolean hasTags, boolean hasSourceIdentity) {

    static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    static final String SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";

    private static final UnverifiedClaims UNREADABLE = new UnverifiedClaims(null, null, null, false, false);

    /** The claims, or all-null claims when the token is not a readable JWT. */
    static UnverifiedClaims of(String token) {
        try {
            JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
            List<String> aud = claims.getAudience();
            return new UnverifiedClaims(
                    claims.getIssuer(),
                    claims.getSubject(),
                    aud == null || aud.isEmpty() ? null : aud.get(0),
                    claims.getClaim(TAGS_CLAIM) != null,
                    claims.getClaim(SOURCE_IDENTITY_CLAIM) != null);
        } catch (ParseException | RuntimeException e) {
            return UNREADABLE;
        }
    }

    /**
     * The IAM condition-key prefix of the issuer: the issuer URL without {@code https://} (a trailing slash stays,
     * because IAM keeps it in the provider name too).
     */
    String conditionKeyPrefix() {
        if (issuer == null) {
            return "<issuer host and path>";
        }
        return issuer.replaceFirst("^https?://", "");
    }
}
