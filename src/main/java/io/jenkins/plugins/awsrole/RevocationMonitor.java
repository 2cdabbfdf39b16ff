package io.jenkins.plugins.awsrole;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * Tells administrators about sessions that were not revoked as their mapping asked (the revocation failed, or no
 * revocation role is configured) and about role-wide cut-offs, which denied other builds' sessions of the role too.
 * A security monitor: a session left live is a credential that outlived its block.
 */
@Extension
public final class RevocationMonitor extends AdministrativeMonitor {

    @Override
    public String getDisplayName() {
        return Messages.RevocationMonitor_DisplayName();
    }

    @Override
    public boolean isSecurity() {
        return true;
    }

    @Override
    public boolean isActivated() {
        return !AwsRoleService.get().revocationProblems().isEmpty();
    }

    /** The problems, newest first, one line each (for {@code message.jelly}). */
    public List<String> getProblems() {
        return AwsRoleService.get().revocationProblems().list().stream()
                .map(RevocationMonitor::describe)
                .toList();
    }

    static String describe(RevocationProblems.Problem p) {
        BlockSession s = p.session();
        String what =
                switch (p.kind()) {
                    case FAILED -> Messages.RevocationMonitor_Failed();
                    case NOT_CONFIGURED -> Messages.RevocationMonitor_NotConfigured();
                    case ROLE_WIDE -> Messages.RevocationMonitor_RoleWide();
                };
        return Messages.RevocationMonitor_Problem(
                p.time().toString(), s.job(), s.build(), s.stage(), s.sessionName(), s.roleArn(), what, p.message());
    }

    /** The "Clear" button: forgets the problems listed (the audit log lines stay). */
    @RequirePOST
    public HttpResponse doClear() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        AwsRoleService.get().revocationProblems().clear();
        return HttpResponses.redirectViaContextPath("/manage");
    }
}
