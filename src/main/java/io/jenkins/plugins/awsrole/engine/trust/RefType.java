package io.jenkins.plugins.awsrole.engine.trust;

/**
 * The kind of SCM head a multibranch build is of, as GitHub and GitLab tokens name it ({@code ref_type}): trust rules
 * treat them apart, since who may create one differs (a tag is often open to more people than a protected branch).
 */
public enum RefType {
    /** A branch of the repository. */
    BRANCH("branch"),
    /** A change (pull/merge) request, from the repository or a fork. */
    CHANGE_REQUEST("change_request"),
    /** A tag. */
    TAG("tag");

    private final String claimValue;

    RefType(String claimValue) {
        this.claimValue = claimValue;
    }

    /** How tokens and {@code sub} templates spell it: {@code branch}, {@code change_request} or {@code tag}. */
    public String claimValue() {
        return claimValue;
    }
}
