package io.jenkins.plugins.awsrole.engine.fakeaws;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The IAM actions of the local AWS server (query protocol, version 2010-05-08): role actions and
 * {@code GetOpenIDConnectProvider}. Callers must sign with an issued
 * session whose role's inline policies allow the action on the role's ARN. IAM names roles and providers without an
 * account: a call reaches those of the account of the session that signed it, never another account's.
 */
final class IamActions {

    /** IAM's limit on the inline policies of one role together, whitespace not counted. */
    static final int ROLE_INLINE_LIMIT = 10240;

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");

    private final State state;
    private final Authorizer authorizer;

    IamActions(State state) {
        this.state = state;
        this.authorizer = new Authorizer(state);
    }

    String handle(String action, FakeHttpRequest request) {
        if (action.equals("GetOpenIDConnectProvider")) {
            return getOpenIdConnectProvider(request);
        }
        String roleName = name(request, "RoleName", 64);
        IssuedSession caller = authorizer.caller(request, "iam");
        FakeAccount account = state.account(caller.role().account());
        FakeRole target = account.roles.get(roleName);
        String resource = target != null ? target.arn() : "arn:aws:iam::" + account.id() + ":role/" + roleName;
        Authorizer.authorize(caller, "iam:" + action, resource, true);
        if (target == null) {
            throw new AwsError(404, "NoSuchEntity", "The role with name " + roleName + " cannot be found.");
        }
        return switch (action) {
            case "GetRole" -> getRole(target);
            case "PutRolePolicy" -> putRolePolicy(target, request);
            case "GetRolePolicy" -> getRolePolicy(target, request);
            case "DeleteRolePolicy" -> deleteRolePolicy(target, request);
            case "ListRolePolicies" -> listRolePolicies(target);
            default -> throw new AwsError(400, "InvalidAction", "Could not find operation " + action);
        };
    }

    /** AWS-FACTS §5: ThumbprintList, CreateDate, ClientIDList, Url (without scheme). No thumbprints are kept here. */
    private String getOpenIdConnectProvider(FakeHttpRequest request) {
        String arn = request.param("OpenIDConnectProviderArn");
        if (arn == null || arn.length() < 20 || arn.length() > 2048) {
            throw new AwsError(400, "InvalidInput", "Invalid OpenIDConnectProviderArn: " + arn);
        }
        IssuedSession caller = authorizer.authorize(request, "iam", "iam:GetOpenIDConnectProvider", arn);
        FakeAccount account = state.account(caller.role().account());
        String prefix = "arn:aws:iam::" + account.id() + ":oidc-provider/";
        String url = arn.startsWith(prefix) ? arn.substring(prefix.length()) : null;
        List<String> audiences = url == null ? null : account.providers.get(url);
        if (audiences == null) {
            throw new AwsError(404, "NoSuchEntity", "OpenIDConnect Provider not found for arn " + arn);
        }
        StringBuilder xml = new StringBuilder("    <ThumbprintList/>\n");
        xml.append("    ")
                .append(Xml.element("CreateDate", Xml.time(account.providerCreateDates.get(url))))
                .append("\n    <ClientIDList>\n");
        for (String audience : audiences) {
            xml.append("      ").append(Xml.element("member", audience)).append('\n');
        }
        return xml.append("    </ClientIDList>\n    ")
                .append(Xml.element("Url", url))
                .append('\n')
                .toString();
    }

    private static String getRole(FakeRole role) {
        return "    <Role>\n      " + Xml.element("Path", "/") + "\n      " + Xml.element("RoleName", role.name())
                + "\n      " + Xml.element("RoleId", role.roleId()) + "\n      " + Xml.element("Arn", role.arn())
                + "\n      " + Xml.element("CreateDate", Xml.time(role.createDate())) + "\n      "
                + Xml.element("AssumeRolePolicyDocument", encode(role.trustPolicy())) + "\n      "
                + Xml.element("MaxSessionDuration", String.valueOf(role.maxSessionDurationSeconds()))
                + "\n    </Role>\n";
    }

    private static String putRolePolicy(FakeRole role, FakeHttpRequest request) {
        String policyName = name(request, "PolicyName", 128);
        String document = request.param("PolicyDocument");
        if (document == null || document.isEmpty() || document.length() > 131072) {
            throw AwsError.validation("1 validation error detected: Value at 'policyDocument' failed to satisfy"
                    + " constraint: Member must have length between 1 and 131072");
        }
        Policy.parse(document);
        synchronized (role) {
            int total = compactLength(document);
            for (Map.Entry<String, String> e : role.inlinePolicies().entrySet()) {
                if (!e.getKey().equals(policyName)) {
                    total += compactLength(e.getValue());
                }
            }
            if (total > ROLE_INLINE_LIMIT) {
                throw new AwsError(
                        409,
                        "LimitExceeded",
                        "Maximum policy size of " + ROLE_INLINE_LIMIT + " bytes exceeded for role " + role.name());
            }
            role.putInlinePolicy(policyName, document);
        }
        return null;
    }

    private static String getRolePolicy(FakeRole role, FakeHttpRequest request) {
        String policyName = name(request, "PolicyName", 128);
        String document = role.inlinePolicies().get(policyName);
        if (document == null) {
            throw new AwsError(404, "NoSuchEntity", "The role policy with name " + policyName + " cannot be found.");
        }
        return "    " + Xml.element("RoleName", role.name()) + "\n    " + Xml.element("PolicyName", policyName)
                + "\n    " + Xml.element("PolicyDocument", encode(document)) + "\n";
    }

    private static String deleteRolePolicy(FakeRole role, FakeHttpRequest request) {
        String policyName = name(request, "PolicyName", 128);
        if (!role.deleteInlinePolicy(policyName)) {
            throw new AwsError(404, "NoSuchEntity", "The role policy with name " + policyName + " cannot be found.");
        }
        return null;
    }

    private static String listRolePolicies(FakeRole role) {
        StringBuilder xml = new StringBuilder("    <PolicyNames>\n");
        for (String name : role.inlinePolicies().keySet()) {
            xml.append("      ").append(Xml.element("member", name)).append('\n');
        }
        return xml.append("    </PolicyNames>\n    <IsTruncated>false</IsTruncated>\n")
                .toString();
    }

    private static String name(FakeHttpRequest request, String param, int maxLength) {
        String value = request.param(param);
        String member = Character.toLowerCase(param.charAt(0)) + param.substring(1);
        if (value == null) {
            throw AwsError.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (value.isEmpty()
                || value.length() > maxLength
                || !NAME.matcher(value).matches()) {
            throw AwsError.validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        return value;
    }

    /** IAM counts policy size without whitespace. */
    static int compactLength(String document) {
        return document.replaceAll("\\s", "").length();
    }

    /** RFC 3986 percent-encoding, as IAM returns policy documents ({@code +} must become {@code %2B}). */
    static String encode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }
}
