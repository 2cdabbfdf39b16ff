package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The trust policies of a {@link TrustPlan} as plain JSON, with the provider's real ARN: what {@code aws iam
 * create-role --assume-role-policy-document} or {@code update-assume-role-policy} takes, and what {@code GetRole}
 * should answer.
 */
public final class TrustPolicyExport {

    private TrustPolicyExport() {}

    /** Role ARN to its trust policy JSON, sorted by ARN. */
    public static Map<String, String> byRole(TrustPlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RoleTrust role : plan.roles()) {
            out.put(role.arn().arn(), PolicyDocuments.trustPolicyJson(role));
        }
        return out;
    }

    /**
     * Every role's trust policy in one JSON object keyed by role ARN, sorted by ARN: one file for review or for a
     * script that feeds each value to {@code aws iam update-assume-role-policy}.
     */
    public static String allRolesJson(TrustPlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RoleTrust role : plan.roles()) {
            out.put(role.arn().arn(), PolicyDocuments.trustPolicy(role, role.providerArn()));
        }
        return JsonWriter.toText(out);
    }

    /**
     * The trust policy of the role a stage maps to (with a statement for every stage on that role), if the stage
     * exists.
     */
    public static Optional<String> forStage(TrustPlan plan, String stage) {
        return plan.roles().stream()
                .filter(r -> r.stages().stream().anyMatch(s -> s.stage().equals(stage)))
                .findFirst()
                .map(PolicyDocuments::trustPolicyJson);
    }
}
