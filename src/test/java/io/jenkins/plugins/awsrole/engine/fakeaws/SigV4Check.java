package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Checks a SigV4-signed request against the session its access key names, by signing the same request again with
 * the AWS SDK's own signer ({@code Aws4Signer}) (same headers, path, query, body, date, scope) and comparing signatures. Hand-written
 * SigV4 would only prove that two hand-written implementations agree.
 */
final class SigV4Check {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /**
     * The SDK's classic SigV4 signer. Its successor ({@code AwsV4HttpSigner}) always adds and signs
     * {@code x-amz-content-sha256}, which the AWS CLI does not send for STS and IAM, so its signature could never match
     * the CLI's; this one signs exactly the headers it is given.
     */
    @SuppressWarnings("deprecation")
    private static final Aws4Signer SIGNER = Aws4Signer.create();

    private SigV4Check() {}

    /**
     * The live session that signed this request.
     *
     * @param expectedService {@code sts} or {@code iam}
     * @param sessions finds a session by access key id (null when unknown)
     * @param now the server's time, for session expiry
     * @throws AwsError as AWS answers a missing, malformed, unknown, expired or wrong signature
     */
    static IssuedSession verify(
            FakeHttpRequest request, String expectedService, Function<String, IssuedSession> sessions, Instant now) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            throw new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        Map<String, String> parts = parse(authorization.substring("AWS4-HMAC-SHA256 ".length()));
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        String amzDate = request.header("X-Amz-Date");
        String[] scope = credential == null ? new String[0] : credential.split("/");
        if (scope.length != 5 || signedHeaders == null || signature == null || amzDate == null) {
            throw new AwsError(
                    400,
                    "IncompleteSignature",
                    "Authorization header requires 'Credential', 'Signature', 'SignedHeaders' and a X-Amz-Date.");
        }
        if (!expectedService.equals(scope[3])) {
            throw new AwsError(
                    403,
                    "SignatureDoesNotMatch",
                    "Credential should be scoped to correct service: '" + expectedService + "'.");
        }
        IssuedSession session = sessions.apply(scope[0]);
        if (session == null || !session.sessionToken().equals(request.header("X-Amz-Security-Token"))) {
            throw new AwsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        if (!now.isBefore(session.expiration())) {
            throw new AwsError(403, "ExpiredToken", "The security token included in the request is expired");
        }
        String expected = resign(request, session, List.of(signedHeaders.split(";")), amzDate, scope[2], scope[3]);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new AwsError(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your AWS"
                            + " Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return session;
    }

    private static String resign(
            FakeHttpRequest request,
            IssuedSession session,
            List<String> signedHeaders,
            String amzDate,
            String region,
            String service) {
        String hostHeader = request.header("Host");
        String host = hostHeader;
        int port = 80;
        int colon = hostHeader == null ? -1 : hostHeader.lastIndexOf(':');
        if (colon > 0) {
            host = hostHeader.substring(0, colon);
            port = Integer.parseInt(hostHeader.substring(colon + 1));
        }
        SdkHttpFullRequest.Builder copy = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .protocol("http")
                .host(host)
                .port(port)
                .encodedPath(request.rawPath());
        if (request.rawQuery() != null && !request.rawQuery().isEmpty()) {
            for (String pair : request.rawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                copy.appendRawQueryParameter(decode(name), decode(value));
            }
        }
        for (String name : signedHeaders) {
            if (!name.equals("authorization")) {
                for (String value : request.headers(name)) {
                    copy.appendHeader(name, value);
                }
            }
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        byte[] body = request.body();
        copy.contentStreamProvider(ContentStreamProvider.fromByteArray(body));
        Aws4SignerParams params = Aws4SignerParams.builder()
                .awsCredentials(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken()))
                .signingName(service)
                .signingRegion(Region.of(region))
                .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC))
                .build();
        SdkHttpFullRequest signed = SIGNER.sign(copy.build(), params);
        String authorization = signed.firstMatchingHeader("Authorization").orElse("");
        return parse(authorization.substring(authorization.indexOf(' ') + 1)).getOrDefault("Signature", "");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> parse(String list) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String item : list.split(",")) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                out.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
