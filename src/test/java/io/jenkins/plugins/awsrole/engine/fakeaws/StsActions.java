package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The STS actions of the local AWS server. Each returns the inner XML of its {@code <Action>Result}.
 *
 * <p>{@code AssumeRole} is role chaining as AWS does it (AWS-FACTS §1.2, §3.3; IAM User Guide "Passing session tags",
 * "Monitor and control actions taken with assumed roles"): the call is SigV4-signed by an issued session (the
 * caller); the target role's trust policy must name the caller, by its role's ARN, its session's ARN, or its
 * account ({@code arn:aws:iam::<account>:root} or the bare id); a trust policy that names the account, or a caller of
 * another account, also needs the caller's own inline policies to allow the action on the target role, and an
 * explicit Deny there (a revocation) refuses in any case. When the caller has a source identity, or the request sets
 * one, {@code sts:SetSourceIdentity} is needed on both sides (the caller's policies and the trust policy, in one
 * account too), and a source identity can never change along a chain;
 * when the caller has transitive session tags, the new session inherits them and {@code sts:TagSession} is needed. A
 * chained session lasts one hour at most ({@code ValidationError}, AWS's wording). {@code Tags} and
 * {@code TransitiveTagKeys} request parameters are not modelled (the plugin sends none): they are refused.
 */
final class StsActions {

    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    /** A stand-in for AWS's unpublished packed-policy budget, in characters of compact policy text. */
    static final int PACKED_BUDGET = 2560;

    private final State state;
    private final Authorizer authorizer;

    StsActions(State state) {
        this.state = state;
        this.authorizer = new Authorizer(state);
    }

    String handle(String action, FakeHttpRequest request) {
        return switch (action) {
            case "AssumeRoleWithWebIdentity" -> assumeRoleWithWebIdentity(request);
            case "AssumeRole" -> assumeRole(request);
            case "GetCallerIdentity" -> getCallerIdentity(request);
            default -> throw new AwsError(400, "InvalidAction", "Could not find operation " + action);
        };
    }

    private String assumeRoleWithWebIdentity(FakeHttpRequest request) {
        String roleArn = request.param("RoleArn");
        String sessionName = request.param("RoleSessionName");
        String token = request.param("WebIdentityToken");
        String policy = request.param("Policy");
        List<String> policyArns = request.list("PolicyArns", "arn");
        int duration = validate(request, roleArn, sessionName, token, policy, policyArns);

        Instant now = state.clock.instant();
        String issuer = WebIdentityToken.peekIssuer(token);
        String providerUrl = State.withoutScheme(issuer);
        // The provider is looked up in the role's account: each account registers the issuers it trusts.
        FakeAccount account = state.accountOf(roleArn);
        List<String> audiences = account == null ? null : account.providers.get(providerUrl);
        if (audiences == null) {
            throw AwsError.invalidIdentityToken("No OpenIDConnect provider found in your account for " + issuer);
        }
        WebIdentityToken jwt = WebIdentityToken.verify(token, state.keys, now, state.maxTokenAge);
        String audience = jwt.audiences.stream()
                .filter(audiences::contains)
                .findFirst()
                .orElseThrow(() -> AwsError.invalidIdentityToken("Incorrect token audience"));

        FakeRole role = state.roleByArn(roleArn);
        if (role == null || !trusts(role, account.providerArn(providerUrl), providerUrl, audience, jwt)) {
            throw AwsError.accessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");
        }
        if (duration > role.maxSessionDurationSeconds()) {
            throw AwsError.validation(
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        int packedPercent = packedPercent(policy, policyArns, jwt.principalTags);
        if (packedPercent > 100) {
            throw new AwsError(
                    400,
                    "PackedPolicyTooLarge",
                    "Packed policy consumes " + packedPercent + "% of allotted space, please use smaller policy.");
        }

        IssuedSession session = new IssuedSession(
                state.newAccessKeyId(),
                state.newSecretAccessKey(),
                state.newSessionToken(),
                now,
                now.plusSeconds(duration),
                role,
                sessionName,
                jwt.subject,
                jwt.sourceIdentity,
                Map.copyOf(jwt.principalTags),
                jwt.transitiveTagKeys,
                null);
        state.sessions.put(session.accessKeyId(), session);
        StringBuilder xml = new StringBuilder();
        xml.append("    ")
                .append(Xml.element("SubjectFromWebIdentityToken", jwt.subject))
                .append('\n');
        xml.append("    ").append(Xml.element("Audience", audience)).append('\n');
        xml.append("    <AssumedRoleUser>\n      ")
                .append(Xml.element("Arn", session.assumedRoleArn()))
                .append("\n      ")
                .append(Xml.element("AssumedRoleId", session.assumedRoleId()))
                .append("\n    </AssumedRoleUser>\n");
        xml.append("    <Credentials>\n      ")
                .append(Xml.element("SessionToken", session.sessionToken()))
                .append("\n      ")
                .append(Xml.element("SecretAccessKey", session.secretAccessKey()))
                .append("\n      ")
                .append(Xml.element("Expiration", Xml.time(session.expiration())))
                .append("\n      ")
                .append(Xml.element("AccessKeyId", session.accessKeyId()))
                .append("\n    </Credentials>\n");
        if (jwt.sourceIdentity != null) {
            xml.append("    ")
                    .append(Xml.element("SourceIdentity", jwt.sourceIdentity))
                    .append('\n');
        }
        xml.append("    ").append(Xml.element("Provider", issuer)).append('\n');
        xml.append("    ")
                .append(Xml.element("PackedPolicySize", String.valueOf(packedPercent)))
                .append('\n');
        return xml.toString();
    }

    /** Role chaining; see the class description for what is checked. */
    private String assumeRole(FakeHttpRequest request) {
        IssuedSession caller = authorizer.caller(request, "sts");
        String roleArn = request.param("RoleArn");
        String sessionName = request.param("RoleSessionName");
        String policy = request.param("Policy");
        List<String> policyArns = request.list("PolicyArns", "arn");
        String asked = request.param("SourceIdentity");
        List<String> errors = new ArrayList<>();
        if (asked != null
                && (asked.length() < 2
                        || asked.length() > 64
                        || !SESSION_NAME.matcher(asked).matches())) {
            errors.add("Value '" + asked + "' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy"
                    + " regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64");
        }
        int duration = validate(request, roleArn, sessionName, null, false, policy, policyArns, errors);
        if (request.param("Tags.member.1.Key") != null || request.param("TransitiveTagKeys.member.1") != null) {
            throw new AwsError(400, "InvalidParameterValue", "This fake AWS server does not model Tags on AssumeRole.");
        }
        String inherited = caller.sourceIdentity();
        if (inherited != null && asked != null && !inherited.equals(asked)) {
            // AWS: "The value that is set cannot be changed during the role session", and it persists along a chain.
            throw AwsError.accessDenied("User: " + caller.assumedRoleArn() + " is not authorized to perform:"
                    + " sts:SetSourceIdentity on resource: " + roleArn + " because the source identity "
                    + inherited + " set earlier in the role chain cannot be changed");
        }
        String sourceIdentity = inherited != null ? inherited : asked;
        Map<String, String> inheritedTags = new LinkedHashMap<>();
        for (String key : caller.transitiveTagKeys()) {
            inheritedTags.put(key, caller.principalTags().get(key));
        }

        List<String> needed = new ArrayList<>(List.of("sts:AssumeRole"));
        if (!inheritedTags.isEmpty()) {
            needed.add("sts:TagSession");
        }
        if (sourceIdentity != null) {
            needed.add("sts:SetSourceIdentity");
        }
        FakeRole target = state.roleByArn(roleArn);
        Map<String, String> context = Sessions.context(caller);
        if (sourceIdentity != null) {
            context.put("sts:SourceIdentity", sourceIdentity);
        }
        inheritedTags.forEach((k, v) -> context.put("aws:RequestTag/" + k, v));
        for (String action : needed) {
            mayAssume(caller, target, roleArn, action, context);
        }
        if (duration > 3600) {
            throw AwsError.validation(
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        int packedPercent = packedPercent(policy, policyArns, inheritedTags);
        if (packedPercent > 100) {
            throw new AwsError(
                    400,
                    "PackedPolicyTooLarge",
                    "Packed policy consumes " + packedPercent + "% of allotted space, please use smaller policy.");
        }
        Instant now = state.clock.instant();
        IssuedSession session = new IssuedSession(
                state.newAccessKeyId(),
                state.newSecretAccessKey(),
                state.newSessionToken(),
                now,
                now.plusSeconds(duration),
                target,
                sessionName,
                caller.subject(),
                sourceIdentity,
                Map.copyOf(inheritedTags),
                List.copyOf(inheritedTags.keySet()),
                caller);
        state.sessions.put(session.accessKeyId(), session);
        StringBuilder xml = new StringBuilder();
        xml.append("    <Credentials>\n      ")
                .append(Xml.element("AccessKeyId", session.accessKeyId()))
                .append("\n      ")
                .append(Xml.element("SecretAccessKey", session.secretAccessKey()))
                .append("\n      ")
                .append(Xml.element("SessionToken", session.sessionToken()))
                .append("\n      ")
                .append(Xml.element("Expiration", Xml.time(session.expiration())))
                .append("\n    </Credentials>\n");
        xml.append("    <AssumedRoleUser>\n      ")
                .append(Xml.element("AssumedRoleId", session.assumedRoleId()))
                .append("\n      ")
                .append(Xml.element("Arn", session.assumedRoleArn()))
                .append("\n    </AssumedRoleUser>\n");
        xml.append("    ")
                .append(Xml.element("PackedPolicySize", String.valueOf(packedPercent)))
                .append('\n');
        if (sourceIdentity != null) {
            xml.append("    ")
                    .append(Xml.element("SourceIdentity", sourceIdentity))
                    .append('\n');
        }
        return xml.toString();
    }

    /**
     * Whether the caller may do {@code action} ({@code sts:AssumeRole}, {@code sts:TagSession},
     * {@code sts:SetSourceIdentity}) on the target role: an explicit Deny in its own policies refuses; the target's
     * trust policy must allow it; and unless that trust policy names the caller's role or session in the same account,
     * the caller's own policies must allow it too.
     *
     * @throws AwsError {@code AccessDenied} in AWS's wording
     */
    private static void mayAssume(
            IssuedSession caller, FakeRole target, String roleArn, String action, Map<String, String> context) {
        String account = caller.role().account();
        List<String> explicit = List.of(caller.role().arn(), caller.assumedRoleArn());
        List<String> anyForm =
                List.of(caller.role().arn(), caller.assumedRoleArn(), "arn:aws:iam::" + account + ":root", account);
        String refusal = "User: " + caller.assumedRoleArn() + " is not authorized to perform: " + action
                + " on resource: " + roleArn;
        Authorizer.authorize(caller, action, roleArn, false); // an explicit Deny (a revocation) refuses at once
        if (target == null) {
            throw AwsError.accessDenied(refusal);
        }
        Policy trust;
        try {
            trust = Policy.parse(target.trustPolicy());
        } catch (AwsError e) {
            throw AwsError.accessDenied(refusal);
        }
        if (trust.denies(new Policy.Request(action, null, null, context, Map.of(), anyForm))) {
            throw AwsError.accessDenied(refusal + " with an explicit deny in a resource-based policy");
        }
        // AWS: sts:SetSourceIdentity in a chain needs the caller's permissions policy and the trust policy, always.
        boolean bothSides = action.equals("sts:SetSourceIdentity") || !account.equals(target.account());
        if (!bothSides && trust.allows(new Policy.Request(action, null, null, context, Map.of(), explicit))) {
            return; // the role's trust policy names this role or session: enough within one account
        }
        if (!trust.allows(new Policy.Request(action, null, null, context, Map.of(), anyForm))) {
            throw AwsError.accessDenied(refusal);
        }
        try {
            Authorizer.authorize(caller, action, roleArn, true);
        } catch (AwsError e) {
            throw AwsError.accessDenied(refusal + " because no identity-based policy allows the " + action + " action");
        }
    }

    /** AWS's parameter validation, all problems in one message ("2 validation errors detected: ..."). */
    private static int validate(
            FakeHttpRequest request,
            String roleArn,
            String sessionName,
            String token,
            String policy,
            List<String> policyArns) {
        return validate(request, roleArn, sessionName, token, true, policy, policyArns, new ArrayList<>());
    }

    /**
     * The parameters {@code AssumeRole} and {@code AssumeRoleWithWebIdentity} share, and the token where one is
     * expected; {@code errors} has those of the other parameters.
     */
    private static int validate(
            FakeHttpRequest request,
            String roleArn,
            String sessionName,
            String token,
            boolean tokenExpected,
            String policy,
            List<String> policyArns,
            List<String> errors) {
        if (roleArn == null) {
            errors.add("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        } else if (roleArn.length() < 20 || roleArn.length() > 2048) {
            errors.add("Value '" + roleArn + "' at 'roleArn' failed to satisfy constraint: Member must have length"
                    + " between 20 and 2048");
        }
        if (sessionName == null) {
            errors.add("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        } else if (sessionName.length() < 2 || sessionName.length() > 64) {
            errors.add("Value '" + sessionName + "' at 'roleSessionName' failed to satisfy constraint: Member must"
                    + " have length "
                    + (sessionName.length() < 2 ? "greater than or equal to 2" : "less than or " + " equal to 64"));
        } else if (!SESSION_NAME.matcher(sessionName).matches()) {
            errors.add("Value '" + sessionName + "' at 'roleSessionName' failed to satisfy constraint: Member must"
                    + " satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        if (tokenExpected && token == null) {
            errors.add("Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null");
        } else if (tokenExpected && (token.length() < 4 || token.length() > 20000)) {
            // The token is a sensitive member: AWS does not echo it.
            errors.add("Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between 4"
                    + " and 20000");
        }
        int duration = 3600;
        String durationText = request.param("DurationSeconds");
        if (durationText != null) {
            try {
                duration = Integer.parseInt(durationText);
                if (duration < 900) {
                    errors.add("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member"
                            + " must have value greater than or equal to 900");
                } else if (duration > 43200) {
                    errors.add("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member"
                            + " must have value less than or equal to 43200");
                }
            } catch (NumberFormatException e) {
                throw new AwsError(400, "MalformedInput", "Invalid value for DurationSeconds: " + durationText);
            }
        }
        if (policy != null && (policy.isEmpty() || policy.length() > 2048)) {
            errors.add("Value at 'policy' failed to satisfy constraint: Member must have length "
                    + (policy.isEmpty() ? "greater than or equal to 1" : "less than or equal to 2048"));
        }
        if (policyArns.size() > 10) {
            errors.add("Value at 'policyArns' failed to satisfy constraint: Member must have length less than or"
                    + " equal to 10");
        }
        if (!errors.isEmpty()) {
            throw AwsError.validation(errors.size() + " validation error" + (errors.size() == 1 ? "" : "s")
                    + " detected: " + String.join("; ", errors));
        }
        if (policy != null) {
            Policy.parse(policy);
        }
        return duration;
    }

    private static boolean trusts(
            FakeRole role, String principal, String providerUrl, String audience, WebIdentityToken jwt) {
        Policy trust;
        try {
            trust = Policy.parse(role.trustPolicy());
        } catch (AwsError e) {
            return false;
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put(providerUrl + ":aud", audience);
        context.put(providerUrl + ":sub", jwt.subject);
        if (jwt.sourceIdentity != null) {
            context.put("sts:SourceIdentity", jwt.sourceIdentity);
        }
        jwt.principalTags.forEach((k, v) -> context.put("aws:RequestTag/" + k, v));
        List<String> needed = new ArrayList<>(List.of("sts:AssumeRoleWithWebIdentity"));
        if (jwt.carriesTags) {
            needed.add("sts:TagSession");
        }
        if (jwt.sourceIdentity != null) {
            needed.add("sts:SetSourceIdentity");
        }
        Map<String, List<String>> sets = Map.of(
                "sts:TransitiveTagKeys", jwt.transitiveTagKeys, "aws:TagKeys", List.copyOf(jwt.principalTags.keySet()));
        for (String action : needed) {
            if (!trust.allows(new Policy.Request(action, null, principal, context, sets, null))) {
                return false;
            }
        }
        return true;
    }

    private static int packedPercent(String policy, List<String> policyArns, Map<String, String> tags) {
        int size = policy == null ? 0 : policy.replaceAll("\\s", "").length();
        size += policyArns.stream().mapToInt(String::length).sum();
        size += tags.entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().length())
                .sum();
        return (int) Math.ceil(size * 100.0 / PACKED_BUDGET);
    }

    private String getCallerIdentity(FakeHttpRequest request) {
        IssuedSession session = authorizer.authorize(request, "sts", "sts:GetCallerIdentity", "*");
        return "    " + Xml.element("Arn", session.assumedRoleArn()) + "\n    "
                + Xml.element("UserId", session.assumedRoleId()) + "\n    "
                + Xml.element("Account", session.role().account())
                + "\n";
    }
}
