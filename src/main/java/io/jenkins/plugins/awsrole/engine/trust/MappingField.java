package io.jenkins.plugins.awsrole.engine.trust;

/**
 * The fields of a {@link TrustMapping}, by the names the configuration form and JCasC use, so that a validation
 * problem can be shown next to its field and named in a JCasC error.
 */
public enum MappingField {
    STAGE("stage"),
    ROLE_ARN("roleArn"),
    REGION("region"),
    SESSION_DURATION("sessionDurationSeconds"),
    SESSION_POLICY("sessionPolicy"),
    MANAGED_POLICY_ARNS("managedPolicyArns"),
    AUDIENCE("audience"),
    JOBS("jobs"),
    BRANCHES("branches"),
    TAGS("tags"),
    CHANGE_REQUESTS_ALLOWED("changeRequestsAllowed"),
    FORK_CHANGE_REQUESTS_ALLOWED("forkChangeRequestsAllowed"),
    REPLAYS_ALLOWED("replaysAllowed"),
    SESSION_TAGS("sessionTags"),
    SOURCE_IDENTITY("sourceIdentity"),
    REVOCATION("revocation"),
    MASK_ACCOUNT_ID("maskAccountId"),
    STATIC_SESSION_TAGS("staticSessionTags"),
    TRANSITIVE_TAG_KEYS("transitiveTagKeys"),
    CHAINED_ROLE_ARN("chainedRoleArn");

    private final String formName;

    MappingField(String formName) {
        this.formName = formName;
    }

    /** The field's name in the form and in JCasC, for example {@code roleArn}. */
    public String formName() {
        return formName;
    }
}
