package io.jenkins.plugins.awsrole.engine.oidc;

import java.util.List;

/** Names of the claims the issuer puts in tokens, as listed in the discovery document's {@code claims_supported}. */
public final class Claims {

    public static final String JOB = "jenkins_job";
    /** The full name of the folder the job is in ({@link io.jenkins.plugins.awsrole.engine.trust.BuildIdentity#folder}). */
    public static final String FOLDER = "jenkins_folder";

    public static final String BUILD_NUMBER = "jenkins_build_number";
    public static final String BUILD_URL = "jenkins_build_url";
    public static final String STAGE = "jenkins_stage";
    public static final String BRANCH = "jenkins_branch";
    public static final String CHANGE_ID = "jenkins_change_id";
    public static final String TAG = "jenkins_tag";
    /** {@code branch}, {@code change_request} or {@code tag}: the kind of head, as GitHub's {@code ref_type}. */
    public static final String REF_TYPE = "jenkins_ref_type";

    public static final String REPLAY = "jenkins_replay";
    public static final String SOURCE_IDENTITY = "https://aws.amazon.com/source_identity";

    /** Every claim a token may carry, in a fixed order. */
    public static final List<String> ALL = List.of(
            "iss",
            "sub",
            "aud",
            "iat",
            "nbf",
            "exp",
            "jti",
            JOB,
            FOLDER,
            BUILD_NUMBER,
            BUILD_URL,
            STAGE,
            BRANCH,
            CHANGE_ID,
            TAG,
            REF_TYPE,
            REPLAY,
            SessionTags.CLAIM,
            SOURCE_IDENTITY);

    private Claims() {}
}
