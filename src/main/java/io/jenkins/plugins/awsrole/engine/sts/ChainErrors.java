package io.jenkins.plugins.awsrole.engine.sts;

import io.jenkins.plugins.awsrole.engine.json.JsonStrings;

/**
 * Words the failures of a chained {@code AssumeRole} for the administrator who has to fix them: for a refusal, the
 * trust policy statement the second role needs, and across accounts the permissions policy the first role needs.
 */
final class ChainErrors {

    private ChainErrors() {}

    /** The exception for an error answer of STS to {@code AssumeRole}. */
    static StsExchangeException translate(
            String code, int httpStatus, String awsMessage, ChainRequest request, int attempts) {
        String safeCode = code == null || code.isBlank() ? "HTTP" + httpStatus : code;
        String quoted = awsMessage == null ? "" : awsMessage;
        String head = "STS refused AssumeRole of the chained role " + request.roleArn() + " for the session of role "
                + request.callerRoleArn() + " with " + safeCode + (quoted.isEmpty() ? "" : " (\"" + quoted + "\")")
                + ". ";
        String body =
                switch (safeCode) {
                    case "AccessDenied" -> accessDenied(request);
                    case "ValidationError" ->
                        "A session obtained by role chaining lasts " + ChainRequest.MAX_CHAINED_DURATION_SECONDS
                                + " seconds (1 hour) at most, whatever the role's maximum session duration; this one"
                                + " asked for " + request.durationSeconds() + ". Check the mapping's session duration"
                                + " and its chained role ARN.";
                    case "MalformedPolicyDocument" ->
                        "The session policy of this mapping is not a valid IAM policy; it narrows the chained"
                                + " session. Fix its JSON.";
                    case "PackedPolicyTooLarge" ->
                        "The session policy and managed policy ARNs of this mapping are too large once packed."
                                + " Shorten the session policy or pass fewer managed policy ARNs.";
                    default -> other(safeCode, httpStatus, request, attempts);
                };
        return new StsExchangeException(
                safeCode, httpStatus, StsErrorTranslator.isTransient(safeCode, httpStatus), attempts, head + body);
    }

    /** The exception for a call that got no usable answer. */
    static StsExchangeException noAnswer(String code, String cause, ChainRequest request, int attempts) {
        String text = StsExchangeException.CODE_NETWORK.equals(code)
                ? "Could not reach STS at " + request.where() + " to assume the chained role " + request.roleArn()
                        + " (" + cause + ") after " + times(attempts) + ". Check the controller's network access"
                        + " and proxy settings, and the mapping's region and any STS endpoint override."
                : "STS at " + request.where() + " sent an answer to AssumeRole that could not be read (" + cause + "), "
                        + times(attempts) + ".";
        return new StsExchangeException(code, 0, StsExchangeException.CODE_NETWORK.equals(code), attempts, text);
    }

    /**
     * AWS checks the second role's trust policy (it must name the first role, its session, or its account), and, for
     * a caller of another account, the first role's own permissions; with a source identity, both must allow
     * {@code sts:SetSourceIdentity}.
     */
    private static String accessDenied(ChainRequest request) {
        StsErrorTranslator.RoleArn caller = StsErrorTranslator.RoleArn.parse(request.callerRoleArn());
        StsErrorTranslator.RoleArn target = StsErrorTranslator.RoleArn.parse(request.roleArn());
        String actions = request.sourceIdentity() == null
                ? JsonStrings.quote("sts:AssumeRole")
                : JsonStrings.quote("sts:AssumeRole") + ", " + JsonStrings.quote("sts:SetSourceIdentity");
        StringBuilder text = new StringBuilder("The chained role's trust policy must trust the first role. Add this"
                + " statement to the trust policy of " + request.roleArn() + ": {\"Effect\": \"Allow\","
                + " \"Principal\": {\"AWS\": " + JsonStrings.quote(request.callerRoleArn()) + "}, \"Action\": ["
                + actions + "]}.");
        if (!caller.account().equals(target.account()) || request.sourceIdentity() != null) {
            text.append(" The first role ")
                    .append(request.callerRoleArn())
                    .append(" also needs a permissions policy that allows it: {\"Effect\": \"Allow\", \"Action\": [")
                    .append(actions)
                    .append("], \"Resource\": ")
                    .append(JsonStrings.quote(request.roleArn()))
                    .append("}.");
        }
        text.append(" If both are in place, look for an explicit Deny on the first role: a revoked session can no"
                + " longer assume roles.");
        return text.toString();
    }

    private static String other(String code, int httpStatus, ChainRequest request, int attempts) {
        if (StsErrorTranslator.THROTTLING_CODES.contains(code)) {
            return "STS kept throttling the request; it was tried " + times(attempts) + ". Try again later.";
        }
        if (httpStatus >= 500) {
            return "STS answered with a server error (HTTP " + httpStatus + "); it was tried " + times(attempts)
                    + ". This is on AWS's side: try again later.";
        }
        return "Check the chained role ARN, the region (" + request.region() + ") and any STS endpoint override ("
                + request.where() + ").";
    }

    private static String times(int attempts) {
        return attempts == 1 ? "once" : attempts + " times";
    }
}
