package io.jenkins.plugins.awsrole.engine.sts;

import java.time.Instant;
import java.util.Objects;

/**
 * Temporary AWS credentials of one assumed-role session, and what they belong to.
 *
 * <p>The secret access key and the session token are secrets; {@link #toString()} shows neither (the access key id is
 * shown, as AWS itself does in CloudTrail and error messages). {@code subject} and {@code audience} are the token's
 * {@code sub} and {@code aud}, kept for messages.
 */
public final class RoleSession {

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final Instant expiration;
    private final Instant issuedAt;
    private final String assumedRoleArn;
    private final String assumedRoleId;
    private final String sessionName;
    private final String subject;
    private final String audience;

    /**
     * A session as STS returned it.
     *
     * @param accessKeyId the temporary access key id ({@code ASIA...})
     * @param secretAccessKey the secret access key
     * @param sessionToken the session token
     * @param expiration when the credentials stop working
     * @param assumedRoleArn {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}
     * @param assumedRoleId {@code <role id>:<session>}, the {@code aws:userid} of the session
     * @param sessionName the role session name
     * @param subject the token's {@code sub}
     * @param audience the token's {@code aud}
     */
    public RoleSession(
            String accessKeyId,
            String secretAccessKey,
            String sessionToken,
            Instant expiration,
            String assumedRoleArn,
            String assumedRoleId,
            String sessionName,
            String subject,
            String audience) {
        this(
                accessKeyId,
                secretAccessKey,
                sessionToken,
                expiration,
                null,
                assumedRoleArn,
                assumedRoleId,
                sessionName,
                subject,
                audience);
    }

    /**
     * A session as STS returned it, with its issue time.
     *
     * @param issuedAt when AWS issued it ({@code aws:TokenIssueTime}), or {@code null} when not known. STS does not
     *     return it; it is the expiry less the duration asked for, both AWS's own figures, so that it does not depend
     *     on this controller's clock.
     */
    public RoleSession(
            String accessKeyId,
            String secretAccessKey,
            String sessionToken,
            Instant expiration,
            Instant issuedAt,
            String assumedRoleArn,
            String assumedRoleId,
            String sessionName,
            String subject,
            String audience) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.sessionToken = Objects.requireNonNull(sessionToken, "sessionToken");
        this.expiration = Objects.requireNonNull(expiration, "expiration");
        this.issuedAt = issuedAt;
        this.assumedRoleArn = assumedRoleArn;
        this.assumedRoleId = assumedRoleId;
        this.sessionName = sessionName;
        this.subject = subject;
        this.audience = audience;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /** A secret: never log it. */
    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** A secret: never log it. */
    public String sessionToken() {
        return sessionToken;
    }

    public Instant expiration() {
        return expiration;
    }

    /**
     * When AWS issued the session ({@code aws:TokenIssueTime}, to the second), or {@code null} when not known; what
     * bounds a revocation so that it never reaches a later session of the same name.
     */
    public Instant issuedAt() {
        return issuedAt;
    }

    public String assumedRoleArn() {
        return assumedRoleArn;
    }

    /**
     * The AWS account the role belongs to: the fifth field of the assumed-role ARN
     * ({@code arn:aws:sts::123456789012:assumed-role/deploy/session}), or {@code null} if the ARN has none.
     */
    public String accountId() {
        String[] fields = assumedRoleArn == null ? new String[0] : assumedRoleArn.split(":", 6);
        return fields.length == 6 && fields[4].matches("\\d{12}") ? fields[4] : null;
    }

    public String assumedRoleId() {
        return assumedRoleId;
    }

    public String sessionName() {
        return sessionName;
    }

    public String subject() {
        return subject;
    }

    public String audience() {
        return audience;
    }

    /** Whether the credentials are past their expiry at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiration);
    }

    @Override
    public String toString() {
        return "RoleSession{assumedRoleArn=" + assumedRoleArn + ", assumedRoleId=" + assumedRoleId + ", sessionName="
                + sessionName + ", accessKeyId=" + accessKeyId + ", expiration=" + expiration + ", subject=" + subject
                + ", audience=" + audience + ", secretAccessKey=****, sessionToken=****}";
    }
}
