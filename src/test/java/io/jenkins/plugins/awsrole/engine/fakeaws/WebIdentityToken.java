package io.jenkins.plugins.awsrole.engine.fakeaws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A web identity token checked the way STS checks it: parsed, signed by a key the issuer publishes (RS256/384/512,
 * ES256/384/512), with {@code iss}, {@code aud}, {@code sub}, {@code exp} and {@code iat} present, not expired and not
 * too old. Audience against the IAM provider is checked by the caller, which knows the provider.
 */
final class WebIdentityToken {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    final String issuer;
    final String subject;
    final List<String> audiences;
    final String sourceIdentity;
    final Map<String, String> principalTags;
    /** The keys the token marks transitive ({@code transitive_tag_keys}), for {@code sts:TransitiveTagKeys}. */
    final List<String> transitiveTagKeys;

    final Instant issuedAt;
    /** Whether the tags claim was sent at all: then sts:TagSession is needed, even for an empty tag set. */
    final boolean carriesTags;

    private WebIdentityToken(JWTClaimsSet claims, Map<String, String> tags) {
        this.carriesTags = claims.getClaim("https://aws.amazon.com/tags") != null;
        this.issuer = claims.getIssuer();
        this.subject = claims.getSubject();
        this.audiences = claims.getAudience();
        this.sourceIdentity = (String) claims.getClaim("https://aws.amazon.com/source_identity");
        this.principalTags = tags;
        this.transitiveTagKeys = transitiveTagKeys(claims, tags);
        this.issuedAt = claims.getIssueTime().toInstant();
    }

    /** The issuer URL of an unverified token, to find its IAM provider before anything else. */
    static String peekIssuer(String token) {
        try {
            String iss = SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
            if (iss == null) {
                throw AwsError.invalidIdentityToken("Missing a required claim: iss");
            }
            return iss;
        } catch (ParseException e) {
            throw AwsError.invalidIdentityToken("The ID token provided is not a valid JWT.");
        }
    }

    /**
     * Verifies a token.
     *
     * @throws AwsError {@code InvalidIdentityToken}, {@code IDPCommunicationError} or {@code ExpiredTokenException}
     */
    static WebIdentityToken verify(String token, IssuerKeys keys, Instant now, Duration maxAge) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw AwsError.invalidIdentityToken("The ID token provided is not a valid JWT.");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw AwsError.invalidIdentityToken("Unsupported token signing algorithm: " + alg);
        }
        JWK key = keys.key(claims.getIssuer(), jwt.getHeader().getKeyID());
        try {
            JWSVerifier verifier = key instanceof RSAKey rsa
                    ? new RSASSAVerifier(rsa)
                    : key instanceof ECKey ec ? new ECDSAVerifier(ec) : null;
            if (verifier == null || !verifier.supportedJWSAlgorithms().contains(alg) || !jwt.verify(verifier)) {
                throw AwsError.invalidIdentityToken("Token signature verification failed.");
            }
        } catch (JOSEException e) {
            throw AwsError.invalidIdentityToken("Token signature verification failed.");
        }
        for (String claim : List.of("aud", "sub", "exp", "iat")) {
            if (claims.getClaim(claim) == null) {
                throw AwsError.invalidIdentityToken("Missing a required claim: " + claim);
            }
        }
        long nowSeconds = now.getEpochSecond();
        long exp = claims.getExpirationTime().toInstant().getEpochSecond();
        if (nowSeconds >= exp) {
            throw new AwsError(
                    400,
                    "ExpiredTokenException",
                    "Token expired: current date/time " + nowSeconds + " must be before the expiration date/time "
                            + exp);
        }
        long age = nowSeconds - claims.getIssueTime().toInstant().getEpochSecond();
        if (age > maxAge.toSeconds()) {
            throw new AwsError(400, "ExpiredTokenException", "Token too old: " + age);
        }
        return new WebIdentityToken(claims, principalTags(claims));
    }

    /** AWS's {@code transitive_tag_keys}: keys of the session tags that persist through role chaining. */
    private static List<String> transitiveTagKeys(JWTClaimsSet claims, Map<String, String> tags) {
        if (!(claims.getClaim("https://aws.amazon.com/tags") instanceof Map<?, ?> tagClaim)
                || tagClaim.get("transitive_tag_keys") == null) {
            return List.of();
        }
        if (!(tagClaim.get("transitive_tag_keys") instanceof List<?> keys)
                || keys.stream().anyMatch(k -> !(k instanceof String))) {
            throw AwsError.invalidIdentityToken("transitive_tag_keys must be an array of tag keys.");
        }
        List<String> out = new java.util.ArrayList<>();
        for (Object key : keys) {
            if (!tags.containsKey(String.valueOf(key))) {
                throw AwsError.invalidIdentityToken(
                        "Transitive tag key " + key + " is not one of the session tags in principal_tags.");
            }
            out.add(String.valueOf(key));
        }
        return List.copyOf(out);
    }

    private static Map<String, String> principalTags(JWTClaimsSet claims) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (!(claims.getClaim("https://aws.amazon.com/tags") instanceof Map<?, ?> tagClaim)) {
            if (claims.getClaim("https://aws.amazon.com/tags") != null) {
                throw AwsError.invalidIdentityToken("The https://aws.amazon.com/tags claim must be an object.");
            }
            return tags;
        }
        if (tagClaim.get("principal_tags") instanceof Map<?, ?> principal) {
            for (Map.Entry<?, ?> e : principal.entrySet()) {
                if (!(e.getValue() instanceof List<?> values) || values.size() != 1) {
                    throw AwsError.invalidIdentityToken(
                            "Session tag " + e.getKey() + " must have exactly one value in an array.");
                }
                tags.put(String.valueOf(e.getKey()), String.valueOf(values.get(0)));
            }
        }
        return tags;
    }
}
