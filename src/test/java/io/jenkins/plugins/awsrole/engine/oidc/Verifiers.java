package io.jenkins.plugins.awsrole.engine.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Verifies tokens the way a relying party does: starting from the issuer URL, fetch the discovery document over HTTP,
 * check its {@code issuer}, follow its {@code jwks_uri}, then verify signature, {@code iss}, {@code aud} and times.
 * Two independent libraries (nimbus-jose-jwt and jose4j) so a quirk of one does not hide a defect.
 */
final class Verifiers {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Verifiers() {}

    /** Fetches the discovery document, checks that it names this issuer, and returns its {@code jwks_uri}. */
    static String discoverJwksUri(IssuerUrl issuer) throws Exception {
        Map<String, Object> discovery = JSONObjectUtils.parse(get(issuer.discoveryUrl()));
        if (!issuer.value().equals(discovery.get("issuer"))) {
            throw new IllegalStateException("Discovery names issuer " + discovery.get("issuer"));
        }
        return (String) discovery.get("jwks_uri");
    }

    static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** nimbus-jose-jwt, with its remote JWK source (no cache, so key changes show at once), at the given time. */
    static JWTClaimsSet nimbus(String token, IssuerUrl issuer, String audience, Instant verifierNow) throws Exception {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(
                        URI.create(discoverJwksUri(issuer)).toURL())
                .cache(false)
                .refreshAheadCache(false)
                .rateLimited(false)
                .retrying(false)
                .build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        processor.setJWTClaimsSetVerifier(
                new DefaultJWTClaimsVerifier<>(
                        audience,
                        new JWTClaimsSet.Builder().issuer(issuer.value()).build(),
                        Set.of("sub", "iat", "nbf", "exp", "jti")) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(verifierNow);
                    }
                });
        return processor.process(token, null);
    }

    /** jose4j, with its own HTTP JWKS resolver, at the given time. */
    static JwtClaims jose4j(String token, IssuerUrl issuer, String audience, Instant verifierNow) throws Exception {
        HttpsJwks jwks = new HttpsJwks(discoverJwksUri(issuer));
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256", "ES256")
                .setExpectedIssuer(issuer.value())
                .setExpectedAudience(audience)
                .setRequireSubject()
                .setRequireIssuedAt()
                .setRequireNotBefore()
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(60)
                .setEvaluationTime(NumericDate.fromSeconds(verifierNow.getEpochSecond()))
                .build();
        return consumer.processToClaims(token);
    }
}
