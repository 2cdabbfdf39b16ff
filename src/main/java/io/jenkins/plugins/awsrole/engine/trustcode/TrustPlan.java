package io.jenkins.plugins.awsrole.engine.trustcode;

import io.jenkins.plugins.awsrole.engine.oidc.IssuerUrl;
import io.jenkins.plugins.awsrole.engine.oidc.SubjectTemplate;
import io.jenkins.plugins.awsrole.engine.trust.IamArn;
import io.jenkins.plugins.awsrole.engine.trust.Problem;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the AWS side must look like for a set of trust mappings: per account the IAM OIDC provider of the issuer, per
 * role its trust (one statement per stage) and maximum session duration, and the revoker role's permissions.
 *
 * <p>Everything is sorted (accounts, roles by ARN, stages by name, audiences, {@code sub} patterns), so the exports made
 * from a plan are the same text for the same mappings, whatever order they were configured in. The {@code sub}
 * patterns are those of the controller's {@code sub} template ({@link SubjectPatterns#forMapping}).
 */
public final class TrustPlan {

    private final IssuerUrl issuer;
    private final List<ProviderTrust> providers;
    private final List<RoleTrust> roles;
    private final RevokerGrant revoker;
    private final SubjectTemplate template;

    private TrustPlan(
            IssuerUrl issuer,
            List<ProviderTrust> providers,
            List<RoleTrust> roles,
            RevokerGrant revoker,
            SubjectTemplate template) {
        this.issuer = issuer;
        this.providers = List.copyOf(providers);
        this.roles = List.copyOf(roles);
        this.revoker = revoker;
        this.template = template;
    }

    /** The plan for these mappings under the default {@code sub} template. */
    public static TrustPlan of(TrustMappings mappings, IssuerUrl issuer, String revokerRoleArn) {
        return of(mappings, issuer, revokerRoleArn, SubjectTemplate.DEFAULT);
    }

    /**
     * The plan for these mappings.
     *
     * @param mappings the configured mappings, which must have no errors, and through {@link TrustMappings#folderSets()}
     *     the folders' (only those a build could be granted: one with errors, or beyond the folder limits, is left out)
     * @param issuer the issuer URL AWS trusts
     * @param revokerRoleArn the plugin's revoker role, or {@code null} when revocation is not set up
     * @param template the controller's {@code sub} template, which the trust policies' {@code sub} patterns follow
     * @throws IllegalArgumentException when a mapping has errors (listed), or the revoker ARN is not a role ARN
     */
    public static TrustPlan of(
            TrustMappings mappings, IssuerUrl issuer, String revokerRoleArn, SubjectTemplate template) {
        List<Problem> errors = mappings.validate().errors();
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("The trust mappings have errors; fix them before exporting or"
                    + " checking the AWS side (" + TrustMappings.WHERE_TO_CHANGE + "):");
            errors.forEach(p -> message.append("\n  ").append(p.describe()));
            throw new IllegalArgumentException(message.toString());
        }
        String prefix = issuer.value().replaceFirst("^https?://", "");
        Map<String, List<TrustMapping>> byRole = new TreeMap<>();
        // The folders' mappings too, those a build could be granted: one refused at use is no part of the AWS side.
        List<TrustMapping> described = new ArrayList<>(mappings.all());
        for (TrustMappings folder : mappings.folderSets()) {
            described.addAll(folder.usable());
        }
        for (TrustMapping mapping : described) {
            byRole.computeIfAbsent(IamArn.parseRole(mapping.roleArn()).arn(), k -> new ArrayList<>())
                    .add(mapping);
        }
        List<RoleTrust> roles = new ArrayList<>();
        Map<String, TreeSet<String>> audiencesByAccount = new TreeMap<>();
        Map<String, String> partitionByAccount = new TreeMap<>();
        List<IamArn> revocable = new ArrayList<>();
        for (Map.Entry<String, List<TrustMapping>> entry : byRole.entrySet()) {
            IamArn arn = IamArn.parseRole(entry.getKey());
            List<StageTrust> stages = new ArrayList<>();
            int maxDuration = 3600;
            boolean revocation = false;
            for (TrustMapping mapping : entry.getValue()) {
                stages.add(stageTrust(mapping, template));
                maxDuration = Math.max(maxDuration, mapping.sessionDurationSeconds());
                revocation |= mapping.revocation();
                audiencesByAccount
                        .computeIfAbsent(arn.account(), k -> new TreeSet<>())
                        .add(mapping.audience());
            }
            stages.sort(Comparator.comparing(StageTrust::stage));
            partitionByAccount.put(arn.account(), arn.partition().id());
            roles.add(new RoleTrust(
                    arn, providerArn(arn.partition().id(), arn.account(), prefix), prefix, maxDuration, stages));
            if (revocation) {
                revocable.add(arn);
            }
        }
        List<ProviderTrust> providers = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> entry : audiencesByAccount.entrySet()) {
            String partition = partitionByAccount.get(entry.getKey());
            providers.add(new ProviderTrust(
                    partition,
                    entry.getKey(),
                    issuer.value(),
                    providerArn(partition, entry.getKey(), prefix),
                    List.copyOf(entry.getValue())));
        }
        RevokerGrant revoker = revokerRoleArn == null || revokerRoleArn.isBlank()
                ? null
                : new RevokerGrant(IamArn.parseRole(revokerRoleArn.strip()), revocable);
        return new TrustPlan(issuer, providers, roles, revoker, template);
    }

    private static StageTrust stageTrust(TrustMapping mapping, SubjectTemplate template) {
        List<String> actions = new ArrayList<>(List.of(StageTrust.ASSUME));
        if (mapping.sourceIdentity()) {
            actions.add(StageTrust.SET_SOURCE_IDENTITY);
        }
        if (mapping.sessionTags()) {
            actions.add(StageTrust.TAG_SESSION);
        }
        // A folder mapping's patterns are relative to its folder; the sub holds the job's full name.
        List<String> jobs = mapping.jobPatternsFromRoot();
        return new StageTrust(
                mapping.stage(),
                jobs,
                mapping.audience(),
                SubjectPatterns.forMapping(mapping, template),
                actions,
                mapping.sessionDurationSeconds(),
                mapping.sessionPolicy(),
                SubjectPatterns.widenedByIam(mapping, template),
                mapping.sessionTags() ? mapping.transitiveTagKeys() : List.of());
    }

    private static String providerArn(String partition, String account, String prefix) {
        return "arn:" + partition + ":iam::" + account + ":oidc-provider/" + prefix;
    }

    /**
     * The part of this plan in one account: CloudFormation stacks and Terraform runs work in one account at a time.
     * The revoker grant is kept when the revoker role is in that account, with its targets narrowed to it.
     */
    public TrustPlan forAccount(String account) {
        List<ProviderTrust> p =
                providers.stream().filter(x -> x.account().equals(account)).toList();
        List<RoleTrust> r =
                roles.stream().filter(x -> x.arn().account().equals(account)).toList();
        RevokerGrant g = revoker == null || !revoker.revoker().account().equals(account)
                ? null
                : new RevokerGrant(
                        revoker.revoker(),
                        revoker.targets().stream()
                                .filter(t -> t.account().equals(account))
                                .toList());
        return new TrustPlan(issuer, p, r, g, template);
    }

    /** The accounts the mapped roles are in, sorted. */
    public List<String> accounts() {
        return providers.stream().map(ProviderTrust::account).toList();
    }

    /** The {@code sub} template the plan's patterns follow. */
    public SubjectTemplate template() {
        return template;
    }

    /** The issuer URL. */
    public IssuerUrl issuer() {
        return issuer;
    }

    /** One provider per account, sorted by account. */
    public List<ProviderTrust> providers() {
        return providers;
    }

    /** The roles, sorted by ARN. */
    public List<RoleTrust> roles() {
        return roles;
    }

    /** The revoker role's permissions, or {@code null} when no revoker role was given. */
    public RevokerGrant revoker() {
        return revoker;
    }

    /** The provider for an account. */
    ProviderTrust provider(String account) {
        return providers.stream()
                .filter(p -> p.account().equals(account))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The only account of this plan.
     *
     * @throws IllegalStateException when the roles are in several accounts, naming them and {@link #forAccount}
     */
    String singleAccount() {
        if (providers.size() != 1) {
            throw new IllegalStateException(
                    providers.isEmpty()
                            ? "There are no trust mappings to export."
                            : "The mapped roles are in " + providers.size() + " AWS accounts ("
                                    + String.join(", ", accounts())
                                    + "); a CloudFormation stack or Terraform run works in one. Export each account's part"
                                    + " (TrustPlan.forAccount).");
        }
        return providers.get(0).account();
    }
}
