package io.jenkins.plugins.awsrole.engine.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

/** Builds the claims of one token and signs them. Stateless apart from its random source; thread-safe. */
final class TokenMinter {

    private static final int JTI_BYTES = 16;

    private final SecureRandom random = new SecureRandom();

    MintedToken mint(SigningKey key, IssuerUrl issuer, TokenRequest request, Instant now) {
        BuildIdentity build = request.build();
        String subject = request.subjectTemplate().render(build, request.stage());
        // NumericDate claims are whole seconds; truncating here keeps the record equal to what the token says.
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(request.lifetime());
        String jti = newJwtId();

        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.value())
                .subject(subject)
                .audience(request.audience())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti)
                .claim(Claims.JOB, build.jobFullName())
                .claim(Claims.BUILD_NUMBER, build.buildNumber())
                .claim(Claims.STAGE, request.stage())
                .claim(Claims.REPLAY, build.replayed());
        // Claims without a value are left out rather than sent as null.
        optional(claims, Claims.FOLDER, build.folder());
        optional(claims, Claims.BUILD_URL, build.buildUrl());
        optional(claims, Claims.BRANCH, build.branch());
        optional(claims, Claims.CHANGE_ID, build.changeRequestId());
        optional(claims, Claims.TAG, build.tag());
        optional(
                claims,
                Claims.REF_TYPE,
                build.refType() == null ? null : build.refType().claimValue());
        if (request.sessionTags() != null) {
            claims.claim(SessionTags.CLAIM, request.sessionTags().toClaim());
        }
        optional(claims, Claims.SOURCE_IDENTITY, request.sourceIdentity());

        JWSHeader header = new JWSHeader.Builder(key.algorithm().jws())
                .keyID(key.kid())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing the token with key " + key.kid() + " failed.", e);
        }
        return new MintedToken(jwt.serialize(), subject, request.audience(), key.kid(), jti, issuedAt, expiresAt);
    }

    private static void optional(JWTClaimsSet.Builder claims, String name, String value) {
        if (value != null) {
            claims.claim(name, value);
        }
    }

    private String newJwtId() {
        byte[] bytes = new byte[JTI_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
