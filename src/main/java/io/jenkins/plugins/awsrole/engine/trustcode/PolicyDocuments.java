package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.json.JsonWriter;
import io.jenkins.plugins.awsrole.engine.trust.IamArn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM policy documents of a {@link TrustPlan}, as trees of ordered maps and lists that {@link io.jenkins.plugins.awsrole.engine.json.JsonWriter},
 * {@link YamlText} and {@link HclText} write. Key order is IAM's usual order, so every export reads the same way.
 */
public final class PolicyDocuments {

    /** The policy language version every document uses. */
    public static final String VERSION = "2012-10-17";

    private PolicyDocuments() {}

    /**
     * A role's trust policy: one statement per stage, each naming the provider and pinning {@code aud} with
     * {@code StringEquals} and {@code sub} with {@code StringLike}; for a stage that marks session tags transitive,
     * also which keys may be ({@code ForAllValues:StringEquals} on {@code sts:TransitiveTagKeys}).
     *
     * @param principal the provider ARN as a string, or an {@link Expression} that refers to it in a template
     */
    public static Map<String, Object> trustPolicy(RoleTrust role, Object principal) {
        List<Object> statements = new ArrayList<>();
        for (StageTrust stage : role.stages()) {
            Map<String, Object> statement = new LinkedHashMap<>();
            statement.put("Effect", "Allow");
            statement.put("Principal", Map.of("Federated", principal));
            statement.put("Action", stage.actions());
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("StringEquals", Map.of(role.audienceKey(), stage.audience()));
            condition.put("StringLike", Map.of(role.subjectKey(), stage.subPatterns()));
            if (!stage.transitiveTagKeys().isEmpty()) {
                condition.put(
                        "ForAllValues:StringEquals", Map.of(StageTrust.TRANSITIVE_TAG_KEYS, stage.transitiveTagKeys()));
            }
            statement.put("Condition", condition);
            statements.add(statement);
        }
        return document(statements);
    }

    /** A role's trust policy as JSON text, with the provider's ARN: what {@code GetRole} should answer. */
    public static String trustPolicyJson(RoleTrust role) {
        return JsonWriter.toText(trustPolicy(role, role.providerArn()));
    }

    /** The revoker role's permissions: the revocation calls on the roles that turn revocation on. */
    public static Map<String, Object> revokerPolicy(RevokerGrant grant) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Action", RevokerGrant.ACTIONS);
        statement.put("Resource", grant.targets().stream().map(IamArn::arn).toList());
        return document(List.of(statement));
    }

    /**
     * The permissions the drift check needs, and nothing more: reading the plan's roles, their inline policies and
     * the providers. Every action is a read; none of them can change anything.
     */
    public static Map<String, Object> driftReaderPolicy(TrustPlan plan) {
        Map<String, Object> roles = new LinkedHashMap<>();
        roles.put("Effect", "Allow");
        roles.put("Action", DriftCheck.ROLE_READ_ACTIONS);
        roles.put("Resource", plan.roles().stream().map(r -> r.arn().arn()).toList());
        Map<String, Object> providers = new LinkedHashMap<>();
        providers.put("Effect", "Allow");
        providers.put("Action", DriftCheck.PROVIDER_READ_ACTIONS);
        providers.put(
                "Resource", plan.providers().stream().map(ProviderTrust::arn).toList());
        return document(List.of(roles, providers));
    }

    private static Map<String, Object> document(List<Object> statements) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", VERSION);
        document.put("Statement", statements);
        return document;
    }
}
