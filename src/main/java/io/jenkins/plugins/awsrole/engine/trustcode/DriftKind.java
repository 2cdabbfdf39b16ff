package io.jenkins.plugins.awsrole.engine.trustcode;

/**
 * The ways the AWS side can differ from what the trust mappings need. Some let more in than the mappings mean
 * ({@link #widensAccess()}): those are security findings. The others make AWS refuse builds the plugin allows.
 */
public enum DriftKind {
    /** The account has no IAM OIDC provider for the issuer URL: every token is refused. */
    PROVIDER_MISSING(false),
    /** The provider does not list a mapping's audience as a client ID: that mapping's tokens are refused. */
    PROVIDER_AUDIENCE_MISSING(false),
    /** A mapped role does not exist. */
    ROLE_MISSING(false),
    /** A statement lets another principal assume the role with a web identity (another provider, any principal). */
    FOREIGN_PRINCIPAL(true),
    /** A statement trusting the issuer does not pin {@code aud} with {@code StringEquals}. */
    AUDIENCE_NOT_PINNED(true),
    /** A statement trusting the issuer admits a {@code sub} wider than the mappings produce, or tests none. */
    SUB_TOO_BROAD(true),
    /** A statement trusting the issuer allows actions beyond those the mappings need. */
    ACTION_EXTRA(true),
    /** No statement admits a stage's tokens ({@code aud} or {@code sub} missing or narrower): its builds are refused. */
    STAGE_NOT_TRUSTED(false),
    /** The trust policy lacks {@code sts:TagSession} or {@code sts:SetSourceIdentity} that a mapping needs. */
    ACTION_MISSING(false),
    /** The role's maximum session duration is shorter than a mapping's session duration. */
    MAX_SESSION_TOO_SHORT(false),
    /** An inline policy of the role allows {@code "Action": "*"} on {@code "Resource": "*"}. */
    WILDCARD_INLINE_POLICY(true),
    /** A mapping's session policy allows {@code "Action": "*"} on {@code "Resource": "*"}: it narrows nothing. */
    WILDCARD_SESSION_POLICY(true),
    /** Something could not be read (no permission, network, a policy that is not JSON): the check is incomplete. */
    UNREADABLE(false);

    private final boolean widensAccess;

    DriftKind(boolean widensAccess) {
        this.widensAccess = widensAccess;
    }

    /** Whether this drift lets in more than the mappings mean (a security finding, not just a broken build). */
    public boolean widensAccess() {
        return widensAccess;
    }
}
