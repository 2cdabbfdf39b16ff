package io.jenkins.plugins.awsrole.engine.sts;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One STS {@code AssumeRole} call that a web identity session makes to assume a second role (role chaining).
 *
 * <p>The second session carries the first one's name, so that CloudTrail shows one name through the chain, and its
 * source identity: AWS requires a source identity to stay the same along a chain. AWS caps a chained session at one
 * hour. Holds no secret: the first session's credentials sign the call and are passed to {@link StsExchange#chain}.
 *
 * @param roleArn the role to assume
 * @param callerRoleArn the role of the session that assumes it, for messages
 * @param sessionName the role session name, the first session's
 * @param sourceIdentity the first session's source identity, or {@code null} when it has none
 * @param durationSeconds how long the chained session lasts, 900 to 3600 seconds
 * @param sessionPolicy an inline session policy that narrows the chained session, or {@code null}
 * @param policyArns managed policies that narrow the chained session
 * @param region the region whose STS endpoint is called
 * @param endpoint an STS endpoint to call instead of the region's, or {@code null}
 */
public record ChainRequest(
        String roleArn,
        String callerRoleArn,
        String sessionName,
        String sourceIdentity,
        int durationSeconds,
        String sessionPolicy,
        List<String> policyArns,
        String region,
        URI endpoint) {

    /** The longest session AWS grants through role chaining. */
    public static final int MAX_CHAINED_DURATION_SECONDS = 3600;

    /**
     * A request, checked.
     *
     * @throws IllegalArgumentException naming every invalid part and how to fix it
     */
    public ChainRequest {
        policyArns = List.copyOf(Objects.requireNonNullElse(policyArns, List.of()));
        sessionPolicy = sessionPolicy == null || sessionPolicy.isBlank() ? null : sessionPolicy;
        List<String> problems = new ArrayList<>();
        if (roleArn == null || !roleArn.startsWith("arn:") || !roleArn.contains(":role/")) {
            problems.add(
                    "the chained role ARN must look like arn:aws:iam::123456789012:role/name, got '" + roleArn + "'");
        }
        if (sessionName == null || !SessionNames.VALID.matcher(sessionName).matches()) {
            problems.add("the session name must be 2-64 characters of [A-Za-z0-9_+=,.@-], got '" + sessionName + "'");
        }
        if (region == null || region.isBlank()) {
            problems.add("a region is needed (for example us-east-1)");
        }
        if (durationSeconds < ExchangeRequest.MIN_DURATION_SECONDS || durationSeconds > MAX_CHAINED_DURATION_SECONDS) {
            problems.add("a chained session lasts " + ExchangeRequest.MIN_DURATION_SECONDS + " to "
                    + MAX_CHAINED_DURATION_SECONDS + " seconds, got " + durationSeconds);
        }
        if (policyArns.size() > ExchangeRequest.MAX_POLICY_ARNS) {
            problems.add("at most " + ExchangeRequest.MAX_POLICY_ARNS + " managed policy ARNs are allowed, got "
                    + policyArns.size());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cannot call STS AssumeRole: " + String.join("; ", problems) + ".");
        }
    }

    /** The STS endpoint override, if any. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    /** The endpoint the call goes to, for messages. */
    String where() {
        return endpoint != null ? endpoint.toString() : "https://sts." + region + ".amazonaws.com";
    }
}
