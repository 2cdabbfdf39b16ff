package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.trustcode.Drift;
import java.util.List;

/**
 * What one drift check found.
 *
 * @param account the account checked (the reader role's)
 * @param readerRoleArn the role the check read IAM with
 * @param drifts every difference, empty when AWS matches the mappings
 * @param uncheckedAccounts accounts of mapped roles the reader cannot see
 */
record DriftReport(String account, String readerRoleArn, List<Drift> drifts, List<String> uncheckedAccounts) {

    boolean hasDrift() {
        return !drifts.isEmpty();
    }

    /**
     * The report for a build log, which non-administrators may read: how many differences, of which kinds and stages,
     * and where administrators see each one with its fix. No account id, role ARN or trust policy detail.
     */
    String summary() {
        if (!hasDrift()) {
            return Messages.DriftCheck_CleanSummary()
                    + (uncheckedAccounts.isEmpty() ? "" : " " + Messages.DriftCheck_UncheckedSummary());
        }
        long wider = drifts.stream().filter(d -> d.kind().widensAccess()).count();
        StringBuilder out = new StringBuilder(Messages.DriftCheck_FoundSummary(drifts.size(), wider));
        for (Drift drift : drifts) {
            out.append("\n  ")
                    .append(drift.kind().widensAccess() ? Messages.DriftCheck_Wider() + " " : "")
                    .append(drift.kind())
                    .append(drift.stages().isEmpty() ? "" : " (stage " + drift.stages() + ")");
        }
        if (!uncheckedAccounts.isEmpty()) {
            out.append('\n').append(Messages.DriftCheck_UncheckedSummary());
        }
        return out.toString();
    }

    /** The report for the configuration page (administrators): a summary line, then each finding with its fix. */
    String describe() {
        StringBuilder out = new StringBuilder(
                hasDrift()
                        ? Messages.DriftCheck_Found(drifts.size(), account, readerRoleArn)
                        : Messages.DriftCheck_Clean(account, readerRoleArn));
        for (Drift drift : drifts) {
            out.append("\n  ")
                    .append(drift.kind().widensAccess() ? Messages.DriftCheck_Wider() + " " : "")
                    .append(drift.describe());
        }
        if (!uncheckedAccounts.isEmpty()) {
            out.append('\n').append(Messages.DriftCheck_Unchecked(String.join(", ", uncheckedAccounts)));
        }
        return out.toString();
    }
}
