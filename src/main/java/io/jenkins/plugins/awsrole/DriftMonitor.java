package io.jenkins.plugins.awsrole;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.AdministrativeMonitor;
import java.util.List;

/**
 * Warns administrators when the scheduled drift check found trust policies that let in more than the trust mappings
 * mean (a too-broad {@code sub}, an unpinned audience, a foreign principal, extra actions, wildcard policies).
 */
@Extension
public final class DriftMonitor extends AdministrativeMonitor {

    private final transient DriftFindings findings = new DriftFindings();

    public static DriftMonitor get() {
        return ExtensionList.lookupSingleton(DriftMonitor.class);
    }

    @Override
    public String getDisplayName() {
        return Messages.DriftMonitor_DisplayName();
    }

    @Override
    public boolean isActivated() {
        return !findings.widening().isEmpty();
    }

    /** The findings that widen access, one paragraph each with its fix (for {@code message.jelly}). */
    public List<String> getFindings() {
        return findings.widening();
    }

    /** The account checked, for {@code message.jelly}. */
    public String getAccount() {
        DriftReport last = findings.last();
        return last == null ? "" : last.account();
    }

    DriftFindings findings() {
        return findings;
    }
}
