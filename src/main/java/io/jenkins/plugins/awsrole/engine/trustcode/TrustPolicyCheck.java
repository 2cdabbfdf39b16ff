package io.jenkins.plugins.awsrole.engine.trustcode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares one role's live trust policy with its {@link RoleTrust}: first every statement that can admit a web
 * identity (too much trust), then every stage (too little). See {@link DriftCheck} for the rules.
 */
final class TrustPolicyCheck {

    private static final String FIX = "replace the role's trust policy with the exported one (aws iam"
            + " update-assume-role-policy, or apply the CloudFormation/Terraform export)";

    private TrustPolicyCheck() {}

    static void check(RoleTrust role, LivePolicy policy, List<Drift> drifts) {
        String arn = role.arn().arn();
        List<String> expectedSubs = new ArrayList<>();
        Set<String> expectedActions = new LinkedHashSet<>();
        Set<String> expectedAudiences = new LinkedHashSet<>();
        for (StageTrust stage : role.stages()) {
            expectedSubs.addAll(stage.subPatterns());
            stage.actions().forEach(a -> expectedActions.add(a.toLowerCase(Locale.ROOT)));
            expectedAudiences.add(stage.audience());
        }
        List<LivePolicy.Statement> ours = new ArrayList<>();
        for (LivePolicy.Statement s : policy.statements()) {
            if (!s.allows() || !s.allowsAction(StageTrust.ASSUME)) {
                continue;
            }
            List<String> foreign = s.principals().stream()
                    .filter(p -> !p.equals(role.providerArn()))
                    .toList();
            if (s.anyPrincipal() || !foreign.isEmpty()) {
                drifts.add(new Drift(
                        DriftKind.FOREIGN_PRINCIPAL,
                        role.stageNames(),
                        arn,
                        "a statement allowing " + s.actions() + " to "
                                + (s.anyPrincipal() ? "any principal" : "principal(s) " + foreign),
                        "only the federated principal " + role.providerArn(),
                        "remove that statement or principal; " + FIX));
            }
            if (!s.federated().contains(role.providerArn())) {
                continue;
            }
            ours.add(s);
            List<String> audiences = pinnedValues(s, role.audienceKey());
            if (audiences.isEmpty()) {
                drifts.add(new Drift(
                        DriftKind.AUDIENCE_NOT_PINNED,
                        role.stageNames(),
                        arn,
                        "no StringEquals condition on " + role.audienceKey(),
                        "StringEquals " + role.audienceKey() + " = " + String.join(" or ", expectedAudiences),
                        FIX));
            }
            List<String> subs = subPatterns(s, role.subjectKey());
            if (subs.isEmpty()) {
                drifts.add(new Drift(
                        DriftKind.SUB_TOO_BROAD,
                        role.stageNames(),
                        arn,
                        "no condition on " + role.subjectKey() + ": every job of every stage may assume the role",
                        "StringLike " + role.subjectKey() + " in " + expectedSubs,
                        FIX));
            }
            for (String sub : subs) {
                if (!PatternCoverage.coveredByAny(expectedSubs, sub)) {
                    drifts.add(new Drift(
                            DriftKind.SUB_TOO_BROAD,
                            role.stageNames(),
                            arn,
                            "sub pattern '" + sub + "', wider than the mappings allow",
                            "sub patterns within " + expectedSubs,
                            FIX));
                }
            }
            for (String action : s.actions()) {
                if (!expectedActions.contains(action.toLowerCase(Locale.ROOT))) {
                    drifts.add(new Drift(
                            DriftKind.ACTION_EXTRA,
                            role.stageNames(),
                            arn,
                            "action '" + action + "' for the issuer's tokens",
                            "only " + expectedActions,
                            FIX));
                }
            }
        }
        for (StageTrust stage : role.stages()) {
            checkStageAdmitted(role, stage, ours, drifts);
        }
    }

    private static void checkStageAdmitted(
            RoleTrust role, StageTrust stage, List<LivePolicy.Statement> ours, List<Drift> drifts) {
        LivePolicy.Statement admitting = null;
        for (LivePolicy.Statement s : ours) {
            List<String> audiences = pinnedValues(s, role.audienceKey());
            List<String> subs = subPatterns(s, role.subjectKey());
            boolean audOk = audiences.isEmpty() || audiences.contains(stage.audience());
            boolean subOk =
                    subs.isEmpty() || stage.subPatterns().stream().allMatch(p -> PatternCoverage.coveredByAny(subs, p));
            if (audOk && subOk) {
                admitting = s;
                break;
            }
        }
        String arn = role.arn().arn();
        if (admitting == null) {
            drifts.add(new Drift(
                    DriftKind.STAGE_NOT_TRUSTED,
                    stage.stage(),
                    arn,
                    "no statement admits aud '" + stage.audience() + "' with sub " + stage.subPatterns()
                            + ": AWS will refuse builds the plugin allows",
                    "a statement for the provider with StringEquals " + role.audienceKey() + " = "
                            + stage.audience() + " and StringLike " + role.subjectKey() + " in "
                            + stage.subPatterns(),
                    FIX));
            return;
        }
        for (String needed : stage.actions()) {
            if (!admitting.allowsAction(needed)) {
                drifts.add(new Drift(
                        DriftKind.ACTION_MISSING,
                        stage.stage(),
                        arn,
                        "actions " + admitting.actions(),
                        "also " + needed + " (the mapping sends "
                                + (needed.equals(StageTrust.TAG_SESSION) ? "session tags" : "a source identity")
                                + ", and AWS refuses the token without it)",
                        "add " + needed + " to the statement's Action; " + FIX));
            }
        }
    }

    /** The values {@code aud} is pinned to: StringEquals, or StringLike without wildcards. */
    private static List<String> pinnedValues(LivePolicy.Statement s, String key) {
        List<String> values = new ArrayList<>(s.condition("StringEquals", key));
        s.condition("StringLike", key).stream()
                .filter(v -> v.indexOf('*') < 0 && v.indexOf('?') < 0)
                .forEach(values::add);
        return values;
    }

    private static List<String> subPatterns(LivePolicy.Statement s, String key) {
        List<String> values = new ArrayList<>(s.condition("StringLike", key));
        values.addAll(s.condition("StringEquals", key));
        return values;
    }
}
