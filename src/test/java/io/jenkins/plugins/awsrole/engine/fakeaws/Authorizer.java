package io.jenkins.plugins.awsrole.engine.fakeaws;

/**
 * Decides whether a signed call may go ahead: the SigV4 signature must come from a live issued session, and the
 * session's role inline policies must not deny the action. {@code iam:} actions also need an allowing statement;
 * {@code sts:} actions need none (AWS lets any valid session call {@code GetCallerIdentity}; this fake additionally
 * honours an explicit Deny there, so that revoked sessions are observable).
 */
final class Authorizer {

    private final State state;

    Authorizer(State state) {
        this.state = state;
    }

    /** The live session that signed the request, for {@code service} ({@code sts} or {@code iam}). */
    IssuedSession caller(FakeHttpRequest request, String service) {
        return SigV4Check.verify(request, service, state.sessions::get, state.clock.instant());
    }

    IssuedSession authorize(FakeHttpRequest request, String service, String action, String resource) {
        IssuedSession session = caller(request, service);
        authorize(session, action, resource, !action.startsWith("sts:"));
        return session;
    }

    /**
     * Checks the caller's identity-based policies (its role's inline policies): an explicit Deny refuses; without
     * {@code needsAllow} nothing else is needed, with it an allowing statement is.
     *
     * @throws AwsError {@code AccessDenied} in AWS's wording
     */
    static void authorize(IssuedSession session, String action, String resource, boolean needsAllow) {
        Policy.Request asked = new Policy.Request(action, resource, null, Sessions.context(session));
        boolean allowed = false;
        for (String document : session.role().inlinePolicies().values()) {
            Policy policy = Policy.parse(document);
            if (policy.denies(asked)) {
                throw AwsError.accessDenied(Sessions.denial(session, action, resource, true));
            }
            allowed |= policy.allows(asked);
        }
        if (needsAllow && !allowed) {
            throw AwsError.accessDenied(Sessions.denial(session, action, resource, false));
        }
    }
}
