package io.jenkins.plugins.awsrole.engine.sts;

import io.jenkins.plugins.awsrole.engine.json.JsonStrings;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an STS error code into a {@link StsExchangeException} whose message says what happened and what to fix.
 *
 * <p>Covers every code {@code AssumeRoleWithWebIdentity} can answer with (the modeled ones, {@code AccessDenied} and
 * {@code ValidationError}), throttling and server errors, and failures to reach STS at all. AWS's own message is
 * quoted, after removing the token from it, because it often names the exact claim or limit.
 */
final class StsErrorTranslator {

    /** Codes AWS uses for "slow down"; all transient. */
    static final Set<String> THROTTLING_CODES =
            Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException");

    private StsErrorTranslator() {}

    /** Whether a failure with this code and status may succeed when tried again. */
    static boolean isTransient(String code, int httpStatus) {
        return THROTTLING_CODES.contains(code)
                || "IDPCommunicationError".equals(code)
                || StsExchangeException.CODE_NETWORK.equals(code)
                || httpStatus >= 500;
    }

    /**
     * The exception for an error answer of STS.
     *
     * @param code the AWS error code (may be null when the answer had none)
     * @param httpStatus the HTTP status, 0 when there was no answer
     * @param awsMessage AWS's message (may be null)
     * @param request what was asked
     * @param attempts how many calls were made
     */
    static StsExchangeException translate(
            String code, int httpStatus, String awsMessage, ExchangeRequest request, int attempts) {
        String safeCode = code == null || code.isBlank() ? "HTTP" + httpStatus : code;
        UnverifiedClaims claims = UnverifiedClaims.of(request.webIdentityToken());
        String quoted = scrub(awsMessage == null ? "" : awsMessage, request.webIdentityToken());
        RoleArn role = RoleArn.parse(request.roleArn());
        String head = "STS refused AssumeRoleWithWebIdentity for role " + request.roleArn() + " with " + safeCode
                + (quoted.isEmpty() ? "" : " (\"" + quoted + "\")") + ". ";
        String body =
                switch (safeCode) {
                    case "AccessDenied" -> accessDenied(claims, role);
                    case "InvalidIdentityToken" -> invalidIdentityToken(quoted, claims, role);
                    case "IDPRejectedClaim" ->
                        "The IAM OIDC provider for " + issuer(claims)
                                + " rejected a claim of the token (sub \"" + claims.subject() + "\", aud \""
                                + claims.audience() + "\"). Check that the token's aud is one of the provider's"
                                + " audiences (client IDs) and that the token was used within its lifetime.";
                    case "IDPCommunicationError" ->
                        "AWS could not get an answer from the issuer " + issuer(claims)
                                + " while verifying the token. This is usually transient; it was tried "
                                + attempts(attempts)
                                + ". If it persists, check that the issuer's discovery document and JWKS are reachable"
                                + " from the internet over HTTPS and answer quickly.";
                    case "ExpiredTokenException" ->
                        "AWS considers the identity token expired or too old. Tokens live"
                                + " only a few minutes, so this almost always means clock skew: the Jenkins controller's"
                                + " clock is off (check that NTP keeps it in sync with real time), or the token was minted"
                                + " long before it was used.";
                    case "ValidationError" -> validationError(quoted, request, role);
                    case "MalformedPolicyDocument" ->
                        "The session policy of this mapping is not a valid IAM policy."
                                + " Fix its JSON: a \"Version\": \"2012-10-17\" and a \"Statement\" list whose entries have"
                                + " \"Effect\", \"Action\" and \"Resource\"; see AWS's message above for the exact fault.";
                    case "PackedPolicyTooLarge" ->
                        "The session policy (" + policySize(request) + "), the "
                                + request.policyArns().size() + " managed policy ARN(s) and the session tags together"
                                + " exceed what AWS allows after packing them. Shorten the session policy (drop"
                                + " whitespace, merge statements), pass fewer managed policy ARNs, or send fewer or"
                                + " shorter session tags.";
                    case "RegionDisabledException" ->
                        "STS is not activated in region " + request.region()
                                + " for account " + role.account()
                                + ". Activate it in the IAM console (Account settings,"
                                + " Security Token Service (STS), Endpoints) or set another region on the mapping.";
                    default -> otherError(safeCode, httpStatus, request, attempts);
                };
        return new StsExchangeException(safeCode, httpStatus, isTransient(safeCode, httpStatus), attempts, head + body);
    }

    /** The exception for a call that got no usable answer: a network failure or an unreadable response. */
    static StsExchangeException noAnswer(String code, String cause, ExchangeRequest request, int attempts) {
        return noAnswer(code, cause, request, attempts, ProxySettings.NONE);
    }

    /**
     * The exception for a call that got no usable answer, naming the proxy it went through.
     *
     * @param via the proxy the call went through, or {@link ProxySettings#NONE} when it went directly
     */
    static StsExchangeException noAnswer(
            String code, String cause, ExchangeRequest request, int attempts, ProxySettings via) {
        String where = endpoint(request);
        String text;
        if (StsExchangeException.CODE_NETWORK.equals(code) && via.isConfigured()) {
            text = "Could not reach STS at " + where + " through the HTTP proxy " + via.address() + " (" + cause
                    + ") after " + attempts(attempts) + ". Check that the proxy is up and that the controller can"
                    + " reach it, and the proxy host, port and no-proxy hosts under Manage Jenkins > System > HTTP"
                    + " Proxy Configuration (list " + host(request) + " there if the controller reaches STS"
                    + " directly).";
        } else if (StsExchangeException.CODE_NETWORK.equals(code)) {
            text = "Could not reach STS at " + where + " (" + cause + ") after " + attempts(attempts)
                    + ". Check the controller's network access and proxy settings, and that the mapping's region ("
                    + request.region() + ") and any STS endpoint override are right.";
        } else {
            text = "STS at " + where + (via.isConfigured() ? " (through the HTTP proxy " + via.address() + ")" : "")
                    + " sent an answer that could not be read (" + cause + "), " + attempts(attempts)
                    + ". If an STS endpoint override is set, check that it points at STS and not at a proxy or"
                    + " web page.";
        }
        return new StsExchangeException(
                code,
                0,
                StsExchangeException.CODE_NETWORK.equals(code),
                attempts,
                scrub(text, request.webIdentityToken()));
    }

    /**
     * The exception for an error answer that came from the HTTP proxy, not from STS: the proxy refused to pass the
     * call on (it asked for credentials, or does not allow the host), or could not reach STS itself.
     *
     * @param proxy the proxy the call went through
     * @param httpStatus the proxy's HTTP status
     */
    static StsExchangeException proxyRefused(
            ProxySettings proxy, int httpStatus, ExchangeRequest request, int attempts) {
        String head = "The HTTP proxy " + proxy.address() + " answered HTTP " + httpStatus + " instead of passing the"
                + " call on to STS at " + endpoint(request) + ". ";
        String body;
        // 407 is the proxy's "credentials, please"; some proxies (tinyproxy) answer wrong credentials with 401.
        if (httpStatus == 407 || httpStatus == 401) {
            body = proxy.username() == null
                    ? "The proxy asks for a user name and password, and none is set. Set them under Manage Jenkins >"
                            + " System > HTTP Proxy Configuration."
                    : "The proxy did not accept the user name " + proxy.username() + " and its password. Check them"
                            + " under Manage Jenkins > System > HTTP Proxy Configuration.";
        } else if (httpStatus >= 500) {
            body = "The proxy could not reach STS (tried " + attempts(attempts) + "). Check that the proxy can reach "
                    + host(request) + ", or list that host under No Proxy Host (Manage Jenkins > System > HTTP Proxy"
                    + " Configuration) if the controller reaches it directly.";
        } else {
            body = "The proxy does not let this controller reach " + host(request) + ". Ask its administrators to"
                    + " allow that host, or list it under No Proxy Host (Manage Jenkins > System > HTTP Proxy"
                    + " Configuration) if the controller reaches it directly.";
        }
        String code = "HTTP" + httpStatus;
        return new StsExchangeException(
                code,
                httpStatus,
                isTransient(code, httpStatus),
                attempts,
                scrub(head + body, request.webIdentityToken()));
    }

    private static String accessDenied(UnverifiedClaims claims, RoleArn role) {
        String prefix = claims.conditionKeyPrefix();
        StringBuilder actions = new StringBuilder("\"sts:AssumeRoleWithWebIdentity\"");
        StringBuilder why = new StringBuilder();
        if (claims.hasTags()) {
            actions.append(", \"sts:TagSession\"");
            why.append(" The token carries session tags, so the statement must also allow sts:TagSession.");
        }
        if (claims.hasSourceIdentity()) {
            actions.append(", \"sts:SetSourceIdentity\"");
            why.append(" The token carries a source identity, so the statement must also allow"
                    + " sts:SetSourceIdentity.");
        }
        return "The role's trust policy does not allow this token. The token was issued by " + issuer(claims)
                + " with sub " + quote(claims.subject()) + " and aud " + quote(claims.audience()) + ". Check that role "
                + role.name() + " exists in account " + role.account() + " and that its trust policy has a statement"
                + " with \"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"arn:" + role.partition() + ":iam::"
                + role.account() + ":oidc-provider/" + prefix + "\"}, \"Action\": [" + actions + "] and a condition"
                + " that matches the token, for example:\n" + conditionSnippet(prefix, claims) + why;
    }

    /** A trust-policy condition block that matches exactly this token's {@code aud} and {@code sub}. */
    static String conditionSnippet(String prefix, UnverifiedClaims claims) {
        return "\"Condition\": {\n  \"StringEquals\": {\n    " + json(prefix + ":aud") + ": " + json(claims.audience())
                + ",\n    " + json(prefix + ":sub") + ": " + json(claims.subject()) + "\n  }\n}";
    }

    private static String invalidIdentityToken(String quoted, UnverifiedClaims claims, RoleArn role) {
        String lower = quoted.toLowerCase(Locale.ROOT);
        if (lower.contains("no openidconnect provider")) {
            return "Account " + role.account() + " has no IAM OIDC identity provider for the issuer "
                    + issuer(claims) + ". Create one with that exact URL and the audience \"" + claims.audience()
                    + "\" (see docs/setup-aws.md), in the same account as the role.";
        }
        if (lower.contains("audience") || lower.contains("claim: aud")) {
            return "The token's aud \"" + claims.audience() + "\" is not an audience (client ID) of the IAM OIDC"
                    + " provider for " + issuer(claims) + ". Add it to the provider's audiences, or set the"
                    + " mapping's audience to one the provider lists.";
        }
        return "AWS could not verify the token with a key from its issuer " + issuer(claims) + ". The issuer URL must"
                + " be public HTTPS reachable from AWS; " + issuer(claims) + "/.well-known/openid-configuration must"
                + " name exactly that issuer and a jwks_uri, and the JWKS there must contain the key whose kid the"
                + " token names (after a key rotation, publish the new key before using it). A Jenkins controller"
                + " that AWS cannot reach needs the two documents hosted elsewhere and the issuer URL set to that"
                + " place.";
    }

    private static String validationError(String quoted, ExchangeRequest request, RoleArn role) {
        String lower = quoted.toLowerCase(Locale.ROOT);
        if (lower.contains("durationseconds") || lower.contains("maxsessionduration")) {
            return "The mapping asks for a " + request.durationSeconds() + "-second session, more than role "
                    + role.name() + "'s maximum session duration (MaxSessionDuration, 1 hour unless raised). Lower"
                    + " the mapping's session duration, or raise the role's maximum: IAM console, Roles, "
                    + role.name() + ", Maximum session duration, or `aws iam update-role --role-name " + role.name()
                    + " --max-session-duration " + request.durationSeconds() + "`.";
        }
        return "STS found a request parameter invalid. Check the role ARN, the session name (2-64 characters of"
                + " [A-Za-z0-9_+=,.@-]), the session duration (900-43200 seconds), the session policy (at most 2,048"
                + " characters) and the managed policy ARNs (at most 10, full ARNs); AWS's message above names the"
                + " parameter.";
    }

    private static String otherError(String code, int httpStatus, ExchangeRequest request, int attempts) {
        if (THROTTLING_CODES.contains(code)) {
            return "STS kept throttling the request; it was tried " + attempts(attempts) + ". Too many calls reach STS"
                    + " in this account and region at once: try again later, spread the builds out, or look for"
                    + " other callers of STS in the account.";
        }
        if (httpStatus >= 500) {
            return "STS answered with a server error (HTTP " + httpStatus + "); it was tried " + attempts(attempts)
                    + ". This is on AWS's side: try again later and check the AWS Health Dashboard for region "
                    + request.region() + ".";
        }
        return "Check the role ARN, the region (" + request.region() + ") and any STS endpoint override ("
                + endpoint(request) + ").";
    }

    private static String quote(String claim) {
        return claim == null ? "(unreadable)" : "\"" + claim + "\"";
    }

    private static String issuer(UnverifiedClaims claims) {
        return claims.issuer() == null ? "(the token has no readable iss claim)" : claims.issuer();
    }

    private static String policySize(ExchangeRequest request) {
        return request.sessionPolicy().map(p -> p.length() + " characters").orElse("none");
    }

    private static String attempts(int attempts) {
        return attempts == 1 ? "once" : attempts + " times";
    }

    static String endpoint(ExchangeRequest request) {
        return request.endpoint().map(Object::toString).orElse("https://sts." + request.region() + ".amazonaws.com");
    }

    /** The host the call goes to: the endpoint override's, or the regional STS host's. */
    static String host(ExchangeRequest request) {
        String host = URI.create(endpoint(request)).getHost();
        return host == null ? "" : host;
    }

    /** Removes the token, and each of its parts, from text that may have echoed it. */
    static String scrub(String text, String token) {
        if (token == null || token.isEmpty() || text.isEmpty()) {
            return text;
        }
        String out = text.replace(token, "<token>");
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                out = out.replace(part, "<token>");
            }
        }
        return out;
    }

    /** A JSON string literal. */
    static String json(String value) {
        return JsonStrings.quote(value);
    }

    /** The parts of a role ARN that messages name; tolerant of odd input since it only feeds messages. */
    record RoleArn(String partition, String account, String name) {
        static RoleArn parse(String arn) {
            String[] parts = arn == null ? new String[0] : arn.split(":", 6);
            String partition = parts.length > 1 ? parts[1] : "aws";
            String account = parts.length > 4 ? parts[4] : "<account>";
            String resource = parts.length > 5 ? parts[5] : "";
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return new RoleArn(partition, account, name.isEmpty() ? "<role>" : name);
        }
    }
}
