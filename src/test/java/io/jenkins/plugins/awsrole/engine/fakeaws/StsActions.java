package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The STS actions of the local AWS server. Each returns the inner XML of its {@code <Action>Result}. */
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
        List<String> audiences = state.providers.get(providerUrl);
        if (audiences == null) {
            throw AwsError.invalidIdentityToken("No OpenIDConnect provider found in your account for " + issuer);
        }
        WebIdentityToken jwt = WebIdentityToken.verify(token, state.keys, now, state.maxTokenAge);
        String audience = jwt.audiences.stream()
                .filter(audiences::contains)
                .findFirst()
                .orElseThrow(() -> AwsError.invalidIdentityToken("Incorrect token audience"));

        FakeRole role = state.roleByArn(roleArn);
        if (role == null || !trusts(role, providerUrl, audience, jwt)) {
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
                Map.copyOf(jwt.principalTags));
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

    /** AWS's parameter validation, all problems in one message ("2 validation errors detected: ..."). */
    private static int validate(
            FakeHttpRequest request,
            String roleArn,
            String sessionName,
            String token,
            String policy,
            List<String> policyArns) {
        List<String> errors = new ArrayList<>();
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
        if (token == null) {
            errors.add("Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null");
        } else if (token.length() < 4 || token.length() > 20000) {
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

    private static boolean trusts(FakeRole role, String providerUrl, String audience, WebIdentityToken jwt) {
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
        String principal = State.providerArn(providerUrl);
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
            if (!trust.allows(new Policy.Request(action, null, principal, context, sets))) {
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
                + Xml.element("UserId", session.assumedRoleId()) + "\n    " + Xml.element("Account", FakeAws.ACCOUNT)
                + "\n";
    }
}
