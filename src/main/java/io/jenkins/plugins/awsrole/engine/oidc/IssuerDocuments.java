package io.jenkins.plugins.awsrole.engine.oidc;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.BigIntegerUtils;
import io.jenkins.plugins.awsrole.engine.json.JsonWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two documents AWS fetches from the issuer: the OpenID discovery document and the JWKS, as ready bytes.
 *
 * <p>Built once per key change, so serving them costs a copy of about a kilobyte. The JSON is deterministic (fixed key
 * order and formatting), so equal keys give equal bytes: the documents can be diffed, and hosted as static files.
 */
public final class IssuerDocuments {

    /** The media type to serve both documents with. */
    public static final String CONTENT_TYPE = "application/json";

    private final byte[] discovery;
    private final byte[] jwks;
    private final String etag;

    private IssuerDocuments(byte[] discovery, byte[] jwks) {
        this.discovery = discovery;
        this.jwks = jwks;
        this.etag = "\"" + sha256Hex(discovery, jwks).substring(0, 32) + "\"";
    }

    static IssuerDocuments of(IssuerUrl issuer, KeyRing ring) {
        return new IssuerDocuments(discovery(issuer, ring), jwks(ring));
    }

    /** The discovery document, served at the issuer followed by {@code /.well-known/openid-configuration}. */
    public byte[] discoveryJson() {
        return discovery.clone();
    }

    /** The JWKS, served at the issuer followed by {@code /jwks}. */
    public byte[] jwksJson() {
        return jwks.clone();
    }

    /** A strong HTTP entity tag of both documents; it changes exactly when a document does. */
    public String etag() {
        return etag;
    }

    private static byte[] discovery(IssuerUrl issuer, KeyRing ring) {
        List<String> algorithms = new ArrayList<>();
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            if (ring.published().stream().anyMatch(key -> key.algorithm() == alg)) {
                algorithms.add(alg.joseName());
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer.value());
        doc.put("jwks_uri", issuer.jwksUrl());
        doc.put("response_types_supported", List.of("id_token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", algorithms);
        doc.put("claims_supported", Claims.ALL);
        return JsonWriter.toBytes(doc);
    }

    private static byte[] jwks(KeyRing ring) {
        List<Object> keys = new ArrayList<>();
        for (SigningKey key : ring.published()) {
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kid", key.kid());
            jwk.put("kty", key.algorithm().keyType());
            jwk.put("alg", key.algorithm().joseName());
            jwk.put("use", "sig");
            if (key.publicJwk() instanceof RSAKey rsa) {
                // Minimal unsigned big-endian (RFC 7518 6.3.1): BigInteger.toByteArray() would add a zero byte
                // whenever the top bit is set, which some verifiers reject.
                jwk.put("n", unsigned(rsa.getModulus()));
                jwk.put("e", unsigned(rsa.getPublicExponent()));
            } else if (key.publicJwk() instanceof ECKey ec) {
                jwk.put("crv", ec.getCurve().getName());
                jwk.put("x", ec.getX().toString());
                jwk.put("y", ec.getY().toString());
            }
            keys.add(jwk);
        }
        return JsonWriter.toBytes(Map.of("keys", keys));
    }

    private static String unsigned(Base64URL value) {
        return Base64URL.encode(BigIntegerUtils.toBytesUnsigned(value.decodeToBigInteger()))
                .toString();
    }

    private static String sha256Hex(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime.", e);
        }
    }

    @Override
    public String toString() {
        return "IssuerDocuments[etag=" + etag + ", discovery=" + discovery.length + " bytes, jwks=" + jwks.length
                + " bytes]";
    }
}
