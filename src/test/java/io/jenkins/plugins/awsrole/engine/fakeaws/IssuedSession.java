package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A session the local STS issued: its credentials and who it is. Tests read it to check revocation and expiry.
 *
 * @param accessKeyId {@code ASIA...}
 * @param secretAccessKey the secret
 * @param sessionToken the session token
 * @param issuedAt when STS issued it ({@code aws:TokenIssueTime})
 * @param expiration when it stops working
 * @param role the assumed role
 * @param sessionName the role session name
 * @param subject the token's {@code sub}
 * @param sourceIdentity the token's source identity, or null
 * @param principalTags the session tags: from the token, or inherited through role chaining
 * @param transitiveTagKeys the keys of {@code principalTags} that a session chained from this one inherits
 * @param chainedFrom the session that assumed this one with {@code AssumeRole} (role chaining), or {@code null} for a
 *     web identity session
 */
public record IssuedSession(
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        Instant issuedAt,
        Instant expiration,
        FakeRole role,
        String sessionName,
        String subject,
        String sourceIdentity,
        Map<String, String> principalTags,
        List<String> transitiveTagKeys,
        IssuedSession chainedFrom) {

    /** Whether this session came from role chaining ({@code AssumeRole} signed by another session). */
    public boolean isChained() {
        return chainedFrom != null;
    }

    /** {@code <role id>:<session name>}, the session's {@code aws:userid}. */
    public String assumedRoleId() {
        return role.roleId() + ":" + sessionName;
    }

    /** {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}. */
    public String assumedRoleArn() {
        return "arn:aws:sts::" + role.account() + ":assumed-role/" + role.name() + "/" + sessionName;
    }

    @Override
    public String toString() {
        return "IssuedSession{" + assumedRoleArn() + ", accessKeyId=" + accessKeyId + ", expiration=" + expiration
                + (chainedFrom == null ? "" : ", chained from " + chainedFrom.assumedRoleArn()) + "}";
    }
}
