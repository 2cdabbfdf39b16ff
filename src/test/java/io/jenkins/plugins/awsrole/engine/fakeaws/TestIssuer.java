package io.jenkins.plugins.awsrole.engine.fakeaws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A minimal OIDC issuer for tests: an RSA and an EC signing key, discovery document and JWKS served over HTTP on
 * 127.0.0.1, and tokens minted with whatever claims a test needs. It stands in for the plugin's real issuer so that
 * the STS side can be tested on its own; it checks nothing.
 */
public final class TestIssuer implements AutoCloseable {

    /** Where the issuer lives below the server root, like the plugin's default issuer path. */
    public static final String PATH = "/aws-oidc-role";

    private final HttpServer server;
    private final Clock clock;
    private final RSAKey rsa;
    private final ECKey ec;
    private final RSAKey unpublished;

    private TestIssuer(Clock clock) throws IOException, JOSEException {
        this.clock = clock;
        this.rsa = new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
        this.ec =
                new ECKeyGenerator(Curve.P_256).keyID("ec-" + UUID.randomUUID()).generate();
        this.unpublished = new RSAKeyGenerator(2048).keyID("unpublished").generate();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH + "/.well-known/openid-configuration", e -> send(e, discovery()));
        server.createContext(
                PATH + "/jwks", e -> send(e, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(true)));
        server.start();
    }

    /** An issuer whose tokens take their times from {@code clock} (share the fake AWS clock to keep them in step). */
    public static TestIssuer start(Clock clock) throws IOException {
        try {
            return new TestIssuer(clock);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate test keys", e);
        }
    }

    /** The issuer URL, {@code http://127.0.0.1:<port>/aws-oidc-role}: the {@code iss} of every token. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Claims as the plugin would set them: iss, sub, aud, iat, nbf, exp (5 minutes), jti. */
    public JWTClaimsSet.Builder claims(String subject, String audience) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** An RS256 token for {@code sub} and {@code aud}. */
    public String token(String subject, String audience) {
        return mint(claims(subject, audience).build());
    }

    /** Signs with the published RSA key (RS256). */
    public String mint(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.RS256, rsa.getKeyID(), rsa, null);
    }

    /** Signs with the published EC key (ES256). */
    public String mintEs256(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.ES256, ec.getKeyID(), null, ec);
    }

    /** Signs with a key the JWKS does not contain (as after a rotation nobody published). */
    public String mintWithUnpublishedKey(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.RS256, unpublished.getKeyID(), unpublished, null);
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm alg, String kid, RSAKey rsaKey, ECKey ecKey) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(alg)
                            .keyID(kid)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(rsaKey != null ? new RSASSASigner(rsaKey) : new ECDSASigner(ecKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a test token", e);
        }
    }

    private String discovery() {
        return "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\","
                + "\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"],"
                + "\"claims_supported\":[\"sub\",\"iss\",\"aud\"]}";
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
