package io.jenkins.plugins.awsrole.engine.revoke;

import java.net.URI;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An IAM error, turned into a sentence that says what to fix, and whether trying again can help.
 *
 * @param message for the build log and the audit trail
 * @param isTransient whether another attempt may succeed
 */
record IamFailure(String message, boolean isTransient) {

    /** Error codes that go away by themselves. {@code ConcurrentModification} is IAM's conflict answer. */
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "Throttling",
            "ThrottlingException",
            "RequestLimitExceeded",
            "TooManyRequestsException",
            "ConcurrentModification",
            "ConcurrentModificationException",
            "ServiceFailure",
            "ServiceFailureException",
            "InternalFailure",
            "InternalError",
            "ServiceUnavailable",
            "RequestTimeout");

    private static final String DOCS = "docs/revocation.md";

    static IamFailure of(AwsServiceException e, String operation, String roleArn) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "" : details.errorCode();
        String aws = details == null || details.errorMessage() == null ? "" : details.errorMessage();
        String said = code + (aws.isEmpty() ? "" : ": " + aws);
        if (TRANSIENT_CODES.contains(code) || e.statusCode() >= 500) {
            return new IamFailure("IAM answered " + operation + " on role " + roleArn + " with " + said + ".", true);
        }
        String fix =
                switch (code) {
                    case "AccessDenied", "AccessDeniedException" ->
                        "The revoker role's permissions policy must allow iam:GetRolePolicy and iam:PutRolePolicy"
                                + " on " + roleArn + " (the exact policy is in " + DOCS + ").";
                    case "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch" ->
                        "AWS did not accept the revoker role's credentials; check the revocation role setting, the"
                                + " controller's clock, and the IAM endpoint.";
                    case "NoSuchEntity", "NoSuchEntityException" ->
                        "The role does not exist in the account the revoker signs for; check the mapping's role ARN"
                                + " and that the revoker role lives in the same account.";
                    case "LimitExceeded", "LimitExceededException" ->
                        "All inline policies of a role together may have at most "
                                + RevocationPolicy.IAM_ROLE_INLINE_LIMIT + " characters; move the role's other"
                                + " inline policies into managed policies, or lower the plugin's revocation policy"
                                + " limit to leave them room.";
                    case "UnmodifiableEntity", "UnmodifiableEntityException" ->
                        "The role cannot be changed (a service-linked role?); turn revocation off for the mappings"
                                + " that use it.";
                    case "MalformedPolicyDocument", "MalformedPolicyDocumentException" ->
                        "IAM refused the plugin's policy document; this is a bug, please report it with this"
                                + " message.";
                    default -> "See " + DOCS + ".";
                };
        return new IamFailure(
                "AWS refused " + operation + " on role " + roleArn + " to the revoker (" + said + "). " + fix, false);
    }

    static String unreachable(Throwable e, String operation, String roleArn, URI endpoint) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return "IAM " + (endpoint == null ? "" : "at " + endpoint + " ") + "gave no usable answer to " + operation
                + " on role " + roleArn + " (" + cause + "). Check the IAM endpoint setting and the controller's"
                + " network and proxy.";
    }
}
