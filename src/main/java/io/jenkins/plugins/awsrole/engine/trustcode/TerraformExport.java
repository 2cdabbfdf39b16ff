package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Terraform (HCL) for one account's part of a {@link TrustPlan}: {@code aws_iam_openid_connect_provider},
 * one {@code aws_iam_role} per mapped role whose {@code assume_role_policy} is {@code jsonencode(...)} of its trust
 * policy, and, when a revoker role is given, an {@code aws_iam_role_policy} with its permissions.
 *
 * <p>No {@code thumbprint_list}: recent versions of the AWS provider and IAM accept a provider without one when the
 * issuer's certificate chains to a CA AWS trusts; add it for an issuer behind a private CA. Deterministic: the same
 * plan gives the same text.
 */
public final class TerraformExport {

    /** The provider resource's name; roles refer to its {@code arn}. */
    public static final String PROVIDER_NAME = "jenkins";

    private TerraformExport() {}

    /**
     * The configuration.
     *
     * @throws IllegalStateException when the plan spans several accounts (use {@link TrustPlan#forAccount})
     */
    public static String render(TrustPlan plan) {
        String account = plan.singleAccount();
        StringBuilder out = new StringBuilder();
        ExportNotes.header(plan).forEach(line -> out.append("# ").append(line).append('\n'));
        out.append("# Account ").append(account).append(". Apply with: terraform init && terraform apply\n\n");

        ProviderTrust provider = plan.provider(account);
        out.append("resource \"aws_iam_openid_connect_provider\" \"")
                .append(PROVIDER_NAME)
                .append("\" {\n");
        out.append("  url            = ")
                .append(HclText.write(provider.url(), 1))
                .append('\n');
        out.append("  client_id_list = ")
                .append(HclText.write(provider.audiences(), 1))
                .append('\n');
        out.append("}\n");

        Expression arn = new Expression("aws_iam_openid_connect_provider." + PROVIDER_NAME + ".arn");
        ResourceNames names = new ResourceNames("revoker");
        for (RoleTrust role : plan.roles()) {
            out.append('\n');
            ExportNotes.role(role).forEach(line -> out.append("# ").append(line).append('\n'));
            out.append("resource \"aws_iam_role\" \"")
                    .append(names.terraform(role.arn().name()))
                    .append("\" {\n");
            out.append("  name                 = ")
                    .append(HclText.write(role.arn().name(), 1))
                    .append('\n');
            out.append("  path                 = ")
                    .append(HclText.write(role.arn().path(), 1))
                    .append('\n');
            out.append("  max_session_duration = ")
                    .append(role.maxSessionDurationSeconds())
                    .append('\n');
            out.append("  assume_role_policy = jsonencode(")
                    .append(HclText.write(PolicyDocuments.trustPolicy(role, arn), 1))
                    .append(")\n");
            out.append("}\n");
        }

        RevokerGrant revoker = plan.revoker();
        if (revoker != null) {
            out.append('\n');
            if (revoker.targets().isEmpty()) {
                out.append("# Revoker role ")
                        .append(revoker.revoker().arn())
                        .append(": no mapping in this account turns revocation on, so it needs no permissions here.\n");
            } else {
                out.append("# Permissions of the plugin's revoker role (the role itself and its trust are set up"
                        + " separately).\n");
                Map<String, Object> policy = new LinkedHashMap<>(PolicyDocuments.revokerPolicy(revoker));
                out.append("resource \"aws_iam_role_policy\" \"revoker\" {\n");
                out.append("  name   = ")
                        .append(HclText.write(RevokerGrant.POLICY_NAME, 1))
                        .append('\n');
                out.append("  role   = ")
                        .append(HclText.write(revoker.revoker().name(), 1))
                        .append('\n');
                out.append("  policy = jsonencode(")
                        .append(HclText.write(policy, 1))
                        .append(")\n");
                out.append("}\n");
            }
        }
        return out.toString();
    }
}
