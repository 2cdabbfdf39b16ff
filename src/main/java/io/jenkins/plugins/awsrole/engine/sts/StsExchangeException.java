package io.jenkins.plugins.awsrole.engine.sts;

/**
 * Why an {@code AssumeRoleWithWebIdentity} exchange failed, worded for the person who has to fix it.
 *
 * <p>Every failure of {@link StsExchange} is reported as this one type: STS refusals (with the AWS error code, for
 * example {@code AccessDenied}), transient failures that outlasted the retries, and network failures. The message says
 * what happened and what to change; it never contains the web identity token or any credential.
 */
public final class StsExchangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Code used when STS could not be reached or did not answer in time. */
    public static final String CODE_NETWORK = "NetworkError";

    /** Code used when the answer could not be understood. */
    public static final String CODE_UNREADABLE = "UnreadableResponse";

    private final String code;
    private final int httpStatus;
    private final boolean transientFailure;
    private final int attempts;

    /**
     * A failure.
     *
     * @param code the AWS error code ({@code AccessDenied}, {@code Throttling}, ...) or {@link #CODE_NETWORK} /
     *     {@link #CODE_UNREADABLE}
     * @param httpStatus the HTTP status of STS's answer, 0 when there was none
     * @param transientFailure whether trying again later may succeed
     * @param attempts how many calls were made
     * @param message what happened and what to fix; must contain no secret
     */
    public StsExchangeException(String code, int httpStatus, boolean transientFailure, int attempts, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
        this.transientFailure = transientFailure;
        this.attempts = attempts;
    }

    /** The AWS error code, or {@link #CODE_NETWORK} / {@link #CODE_UNREADABLE}. */
    public String code() {
        return code;
    }

    /** The HTTP status of the last answer, 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the failure is transient (throttling, a server or network error): trying later may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** How many calls to STS were made. */
    public int attempts() {
        return attempts;
    }
}
