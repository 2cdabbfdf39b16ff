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

    IssuedSession authorize(FakeHttpRequest request, String service, String action, String resource) {
        IssuedSession session = SigV4Check.verify(request, service, state.sessions::get, state.clock.instant());
        Policy.Request asked = new Policy.Request(action, resource, null, Sessions.context(session));
        boolean needsAllow = !action.startsWith("sts:");
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
        return session;
    }
}
