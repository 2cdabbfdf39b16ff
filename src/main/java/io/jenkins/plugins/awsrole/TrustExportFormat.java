package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.trustcode.CloudFormationExport;
import io.jenkins.plugins.awsrole.engine.trustcode.TerraformExport;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustPlan;
import io.jenkins.plugins.awsrole.engine.trustcode.TrustPolicyExport;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The AWS side of the trust mappings as a file to download: what each format is called in the URL, the name it is saved
 * under, and how it is rendered. The names are stable (no date, no host) so that a script can fetch the file into a
 * repository and diff it.
 */
enum TrustExportFormat {
    CLOUDFORMATION("cloudformation", "aws-oidc-role", ".yaml", "application/yaml", CloudFormationExport::render),
    TERRAFORM("terraform", "aws-oidc-role", ".tf", "text/plain", TerraformExport::render),
    TRUST_POLICIES(
            "trust-policies",
            "aws-oidc-role-trust-policies",
            ".json",
            "application/json",
            TrustPolicyExport::allRolesJson);

    private final String id;
    private final String baseName;
    private final String extension;
    private final String contentType;
    private final Function<TrustPlan, String> renderer;

    TrustExportFormat(
            String id, String baseName, String extension, String contentType, Function<TrustPlan, String> renderer) {
        this.id = id;
        this.baseName = baseName;
        this.extension = extension;
        this.contentType = contentType;
        this.renderer = renderer;
    }

    /** The value of the {@code format} query parameter. */
    String id() {
        return id;
    }

    /** The file name; with an account, that account's part gets its own name so that several can sit side by side. */
    String fileName(String account) {
        return baseName + (account == null ? "" : "-" + account) + extension;
    }

    String contentType() {
        return contentType;
    }

    /**
     * Renders a plan.
     *
     * @throws IllegalStateException when the format works in one account and the plan spans several (the message
     *     names them)
     */
    String render(TrustPlan plan) {
        return renderer.apply(plan);
    }

    /** The format with this id, or {@code null}. */
    static TrustExportFormat byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst().orElse(null);
    }

    /** Every id, for the message that answers an unknown one. */
    static String ids() {
        return Arrays.stream(values()).map(TrustExportFormat::id).collect(Collectors.joining(", "));
    }
}
