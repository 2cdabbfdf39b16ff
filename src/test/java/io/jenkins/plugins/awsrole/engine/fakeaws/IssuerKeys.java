package io.jenkins.plugins.awsrole.engine.fakeaws;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches an issuer's discovery document and JWKS over HTTP, as STS does, and caches the key set per issuer. A
 * {@code kid} missing from the cached set triggers one fresh fetch (how a key rotation becomes visible).
 */
final class IssuerKeys {

    static final String VERIFICATION_KEY_MESSAGE = "Couldn't retrieve verification key from your identity provider, "
            + " please reference AssumeRoleWithWebIdentity documentation for requirements";

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, JWKSet> cache = new ConcurrentHashMap<>();
    private final Map<String, Integer> fetches = new ConcurrentHashMap<>();

    /**
     * The key with this id, or an {@code InvalidIdentityToken} error when the issuer does not publish it.
     *
     * @throws AwsError {@code InvalidIdentityToken} or {@code IDPCommunicationError}
     */
    JWK key(String issuer, String kid) {
        JWKSet cached = cache.get(issuer);
        JWK key = cached == null ? null : find(cached, kid);
        if (key == null) {
            JWKSet fresh = fetch(issuer);
            cache.put(issuer, fresh);
            key = find(fresh, kid);
        }
        if (key == null) {
            throw AwsError.invalidIdentityToken(VERIFICATION_KEY_MESSAGE);
        }
        return key;
    }

    /** How often the documents of this issuer were fetched (tests check the cache with it). */
    int fetchCount(String issuer) {
        return fetches.getOrDefault(issuer, 0);
    }

    private static JWK find(JWKSet set, String kid) {
        if (kid == null) {
            // Without a kid only an unambiguous key set works.
            return set.getKeys().size() == 1 ? set.getKeys().get(0) : null;
        }
        return set.getKeyByKeyId(kid);
    }

    private JWKSet fetch(String issuer) {
        fetches.merge(issuer, 1, Integer::sum);
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        Map<String, Object> discovery;
        try {
            discovery = JSONObjectUtils.parse(get(base + "/.well-known/openid-configuration"));
        } catch (ParseException e) {
            throw AwsError.invalidIdentityToken(VERIFICATION_KEY_MESSAGE);
        }
        if (!issuer.equals(discovery.get("issuer")) || !(discovery.get("jwks_uri") instanceof String jwksUri)) {
            throw AwsError.invalidIdentityToken(VERIFICATION_KEY_MESSAGE);
        }
        try {
            return JWKSet.parse(get(jwksUri));
        } catch (ParseException e) {
            throw AwsError.invalidIdentityToken(VERIFICATION_KEY_MESSAGE);
        }
    }

    private String get(String url) {
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw AwsError.invalidIdentityToken(VERIFICATION_KEY_MESSAGE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsError(400, "IDPCommunicationError", "Interrupted while contacting the identity provider.");
        }
        if (response.statusCode() >= 500) {
            throw new AwsError(
                    400,
                    "IDPCommunicationError",
                    "Couldn't retrieve verification key from your identity provider: the provider answered HTTP "
                            + response.statusCode());
        }
        if (response.statusCode() != 200) {
            throw AwsError.invalidIdentityToken(VERIFICATION_KEY_MESSAGE);
        }
        return response.body();
    }
}
