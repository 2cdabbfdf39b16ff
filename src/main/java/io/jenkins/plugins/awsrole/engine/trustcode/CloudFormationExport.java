package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudFormation template (YAML) for one account's part of a {@link TrustPlan}: the IAM OIDC provider
 * ({@code AWS::IAM::OIDCProvider}, its {@code ClientIdList} every audience the mappings use), one
 * {@code AWS::IAM::Role} per mapped role with its trust policy and maximum session duration, and, when a revoker role
 * is given, its permissions as an {@code AWS::IAM::RolePolicy}.
 *
 * <p>No {@code ThumbprintList}: IAM no longer needs one for issuers whose certificate chains to a CA it trusts. An
 * issuer behind a private CA needs it added by hand. The roles get no permissions here: those are the stage's own
 * business. Deterministic: the same plan gives the same text.
 */
public final class CloudFormationExport {

    /** The logical id of the provider; roles refer to it with {@code !Ref}. */
    public static final String PROVIDER_ID = "JenkinsOidcProvider";

    /** The logical id of the revoker's policy. */
    public static final String REVOKER_POLICY_ID = "AwsOidcRoleRevokerPolicy";

    private CloudFormationExport() {}

    /**
     * The template.
     *
     * @throws IllegalStateException when the plan spans several accounts (use {@link TrustPlan#forAccount})
     */
    public static String render(TrustPlan plan) {
        String account = plan.singleAccount();
        StringBuilder out = new StringBuilder();
        ExportNotes.header(plan).forEach(line -> out.append("# ").append(line).append('\n'));
        out.append("# Account ").append(account).append(". Deploy with:\n");
        out.append("#   aws cloudformation deploy --stack-name jenkins-aws-oidc-role --template-file <this file>"
                + " --capabilities CAPABILITY_NAMED_IAM\n");
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("AWSTemplateFormatVersion", "2010-09-09");
        top.put(
                "Description",
                "Jenkins aws-oidc-role: OIDC provider and stage roles for "
                        + plan.issuer().value());
        out.append(YamlText.write(top, 0));
        out.append("Resources:\n");

        ProviderTrust provider = plan.provider(account);
        Map<String, Object> providerProps = new LinkedHashMap<>();
        providerProps.put("Url", provider.url());
        providerProps.put("ClientIdList", provider.audiences());
        out.append(YamlText.write(resource(PROVIDER_ID, "AWS::IAM::OIDCProvider", providerProps), 1));

        ResourceNames names = new ResourceNames(PROVIDER_ID, REVOKER_POLICY_ID);
        Expression ref = new Expression("!Ref " + PROVIDER_ID);
        for (RoleTrust role : plan.roles()) {
            out.append('\n');
            ExportNotes.role(role)
                    .forEach(line -> out.append("  # ").append(line).append('\n'));
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("RoleName", role.arn().name());
            props.put("Path", role.arn().path());
            props.put("MaxSessionDuration", role.maxSessionDurationSeconds());
            props.put("AssumeRolePolicyDocument", PolicyDocuments.trustPolicy(role, ref));
            out.append(YamlText.write(resource(names.cloudFormation(role.arn().name()), "AWS::IAM::Role", props), 1));
        }

        RevokerGrant revoker = plan.revoker();
        if (revoker != null) {
            out.append('\n');
            if (revoker.targets().isEmpty()) {
                out.append("  # Revoker role ")
                        .append(revoker.revoker().arn())
                        .append(": no mapping in this account turns revocation on, so it needs no permissions here.\n");
            } else {
                out.append("  # Permissions of the plugin's revoker role (the role itself and its trust are set up"
                        + " separately).\n");
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("RoleName", revoker.revoker().name());
                props.put("PolicyName", RevokerGrant.POLICY_NAME);
                props.put("PolicyDocument", PolicyDocuments.revokerPolicy(revoker));
                out.append(YamlText.write(resource(REVOKER_POLICY_ID, "AWS::IAM::RolePolicy", props), 1));
            }
        }
        return out.toString();
    }

    private static Map<String, Object> resource(String id, String type, Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Type", type);
        body.put("Properties", properties);
        return Map.of(id, body);
    }
}
