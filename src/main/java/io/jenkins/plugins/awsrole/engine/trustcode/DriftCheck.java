package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;

/**
 * Compares the AWS side with a {@link TrustPlan} and reports every difference as a {@link Drift}.
 *
 * <p>Reads, never writes: {@code iam:GetOpenIDConnectProvider} for each account's provider, and for each role
 * {@code iam:GetRole} (trust policy and maximum session duration), {@code iam:ListRolePolicies} and
 * {@code iam:GetRolePolicy} (inline policies). {@link PolicyDocuments#driftReaderPolicy} is exactly that permission.
 * A call that fails is reported as {@link DriftKind#UNREADABLE} and the check goes on with the rest.
 *
 * <p>What is checked in a role's trust policy: every {@code Allow} statement that can admit a web identity
 * (its action matches {@code sts:AssumeRoleWithWebIdentity}) must name exactly the issuer's provider, pin {@code aud}
 * with {@code StringEquals}, test {@code sub} only with patterns no wider than the plan's, and allow no other actions
 * than the mappings need. Then every stage must be admitted by some statement. Managed policies attached to the role
 * and its permission boundary are not examined.
 *
 * <p>The {@link IamClient} is the caller's (the Jenkins layer builds it with credentials of a read-only role, obtained
 * without keys); it must reach the account of the plan's roles, so check one account at a time
 * ({@link TrustPlan#forAccount}). Not thread-safe per call; one instance may serve calls one after the other.
 */
public final class DriftCheck {

    /** The IAM actions read on roles. */
    public static final List<String> ROLE_READ_ACTIONS =
            List.of("iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies");

    /** The IAM actions read on OIDC providers. */
    public static final List<String> PROVIDER_READ_ACTIONS = List.of("iam:GetOpenIDConnectProvider");

    private static final String FIX_TRUST = "replace the role's trust policy with the exported one (aws iam"
            + " update-assume-role-policy, or apply the CloudFormation/Terraform export)";

    private final IamClient iam;

    /** @param iam an IAM client with the read-only permissions of {@link PolicyDocuments#driftReaderPolicy} */
    public DriftCheck(IamClient iam) {
        this.iam = Objects.requireNonNull(iam, "iam");
    }

    /** Every difference, providers first, then roles in the plan's order; empty when AWS matches the plan. */
    public List<Drift> check(TrustPlan plan) {
        List<Drift> drifts = new ArrayList<>();
        for (ProviderTrust provider : plan.providers()) {
            checkProvider(provider, drifts);
        }
        for (RoleTrust role : plan.roles()) {
            checkRole(role, drifts);
            for (StageTrust stage : role.stages()) {
                checkSessionPolicy(role, stage, drifts);
            }
        }
        return drifts;
    }

    private void checkProvider(ProviderTrust provider, List<Drift> drifts) {
        GetOpenIdConnectProviderResponse live;
        try {
            live = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(provider.arn()));
        } catch (SdkException e) {
            if (isNoSuchEntity(e)) {
                drifts.add(new Drift(
                        DriftKind.PROVIDER_MISSING,
                        "",
                        provider.arn(),
                        "no IAM OIDC provider for " + provider.url(),
                        "a provider with URL " + provider.url() + " and client IDs " + provider.audiences(),
                        "create it: aws iam create-open-id-connect-provider --url " + provider.url()
                                + " --client-id-list " + String.join(" ", provider.audiences())
                                + " (or apply the CloudFormation/Terraform export)"));
            } else {
                drifts.add(unreadable(provider.arn(), "", "iam:GetOpenIDConnectProvider", e));
            }
            return;
        }
        List<String> clientIds = live.clientIDList();
        for (String audience : provider.audiences()) {
            if (!clientIds.contains(audience)) {
                drifts.add(new Drift(
                        DriftKind.PROVIDER_AUDIENCE_MISSING,
                        "",
                        provider.arn(),
                        "client IDs " + clientIds,
                        "client ID " + audience + ", which a mapping uses as its audience",
                        "aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn "
                                + provider.arn() + " --client-id " + audience));
            }
        }
    }

    private void checkRole(RoleTrust role, List<Drift> drifts) {
        String arn = role.arn().arn();
        GetRoleResponse live;
        try {
            live = iam.getRole(r -> r.roleName(role.arn().name()));
        } catch (SdkException e) {
            if (isNoSuchEntity(e)) {
                drifts.add(new Drift(
                        DriftKind.ROLE_MISSING,
                        role.stageNames(),
                        arn,
                        "no role named " + role.arn().name(),
                        "the role, trusting the issuer's provider",
                        "create it from the export (aws iam create-role, or the CloudFormation/Terraform export)"));
            } else {
                drifts.add(unreadable(arn, role.stageNames(), "iam:GetRole", e));
            }
            return;
        }
        LivePolicy trust;
        try {
            trust = LivePolicy.parse(LivePolicy.decode(live.role().assumeRolePolicyDocument()));
        } catch (IllegalArgumentException e) {
            drifts.add(new Drift(
                    DriftKind.UNREADABLE,
                    role.stageNames(),
                    arn,
                    "a trust policy this check cannot read (" + e.getMessage() + ")",
                    "a JSON policy document",
                    FIX_TRUST));
            return;
        }
        TrustPolicyCheck.check(role, trust, drifts);
        Integer max = live.role().maxSessionDuration();
        if (max != null && max < role.maxSessionDurationSeconds()) {
            drifts.add(new Drift(
                    DriftKind.MAX_SESSION_TOO_SHORT,
                    role.stageNames(),
                    arn,
                    "MaxSessionDuration " + max,
                    "at least " + role.maxSessionDurationSeconds() + " (the longest session duration of its stages)",
                    "aws iam update-role --role-name " + role.arn().name() + " --max-session-duration "
                            + role.maxSessionDurationSeconds()));
        }
        checkInlinePolicies(role, drifts);
    }

    private void checkInlinePolicies(RoleTrust role, List<Drift> drifts) {
        String arn = role.arn().arn();
        Set<String> names = new LinkedHashSet<>();
        try {
            String marker = null;
            do {
                String from = marker;
                ListRolePoliciesResponse page =
                        iam.listRolePolicies(r -> r.roleName(role.arn().name()).marker(from));
                names.addAll(page.policyNames());
                marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
            } while (marker != null);
        } catch (SdkException e) {
            drifts.add(unreadable(arn, role.stageNames(), "iam:ListRolePolicies", e));
            return;
        }
        for (String name : names) {
            try {
                String document = iam.getRolePolicy(
                                r -> r.roleName(role.arn().name()).policyName(name))
                        .policyDocument();
                if (LivePolicy.parse(LivePolicy.decode(document)).allowsEverything()) {
                    drifts.add(new Drift(
                            DriftKind.WILDCARD_INLINE_POLICY,
                            role.stageNames(),
                            arn,
                            "inline policy '" + name + "' allows \"Action\": \"*\" on \"Resource\": \"*\"",
                            "permissions limited to what the stage's work needs",
                            "narrow or remove the statement in inline policy '" + name + "'"));
                }
            } catch (SdkException e) {
                drifts.add(unreadable(arn, role.stageNames(), "iam:GetRolePolicy", e));
            } catch (IllegalArgumentException e) {
                drifts.add(new Drift(
                        DriftKind.UNREADABLE,
                        role.stageNames(),
                        arn,
                        "inline policy '" + name + "' that this check cannot read (" + e.getMessage() + ")",
                        "a JSON policy document",
                        "look at the policy in the IAM console"));
            }
        }
    }

    private static void checkSessionPolicy(RoleTrust role, StageTrust stage, List<Drift> drifts) {
        if (stage.sessionPolicy() == null) {
            return;
        }
        try {
            if (LivePolicy.parse(stage.sessionPolicy()).allowsEverything()) {
                drifts.add(new Drift(
                        DriftKind.WILDCARD_SESSION_POLICY,
                        stage.stage(),
                        role.arn().arn(),
                        "the mapping's session policy allows \"Action\": \"*\" on \"Resource\": \"*\"",
                        "a session policy that narrows the role to what the stage needs",
                        "narrow the session policy, or remove it (a wildcard narrows nothing)"));
            }
        } catch (IllegalArgumentException e) {
            // The mapping validator already refuses session policies that are not JSON objects.
        }
    }

    private static boolean isNoSuchEntity(SdkException e) {
        return e instanceof AwsServiceException a
                && a.awsErrorDetails() != null
                && "NoSuchEntity".equals(a.awsErrorDetails().errorCode());
    }

    private static Drift unreadable(String resource, String stages, String action, SdkException e) {
        String code = e instanceof AwsServiceException a && a.awsErrorDetails() != null
                ? a.awsErrorDetails().errorCode()
                : e.getClass().getSimpleName();
        boolean denied = "AccessDenied".equals(code) || "AccessDeniedException".equals(code);
        return new Drift(
                DriftKind.UNREADABLE,
                stages,
                resource,
                action + " failed with " + code,
                "read access",
                denied
                        ? "allow " + action + " on " + resource + " in the drift checker's role (see its read-only"
                                + " policy in docs/trust-as-code.md)"
                        : "check that IAM is reachable from the controller, then run the check again");
    }
}
