package io.jenkins.plugins.awsrole;

import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.mask.MaskRules;
import io.jenkins.plugins.awsrole.engine.mask.Masker;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks a session's credentials in the console log of the block, in every encoding the masker knows.
 *
 * <p>Serializable, because Pipeline stores it with the program and may run it on an agent: the credentials are kept
 * as {@link Secret} (encrypted in {@code program.dat}), and the masker is rebuilt from them where the log is written.
 * It needs nothing from Jenkins there, so it works in an agent JVM.
 */
final class AwsMaskingFilter extends ConsoleLogFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final MaskRules rules;
    /** Secrets fixed for the block's life (the account id, when masked). */
    private final List<Secret> secrets;
    /**
     * The block's environment, whose current credentials are masked: after a renewal (a controller restart) they are
     * the new session's. {@code null} for a filter over fixed secrets only.
     */
    private final AwsEnvironment environment;

    private AwsMaskingFilter(MaskRules rules, List<Secret> secrets, AwsEnvironment environment) {
        this.rules = rules;
        this.secrets = secrets;
        this.environment = environment;
    }

    /**
     * A filter for a block: the credentials its environment holds whenever a step's log is decorated, and, when asked,
     * the role's account id.
     */
    static AwsMaskingFilter forBlock(AwsEnvironment environment, RoleSession session, boolean maskAccountId) {
        List<Secret> fixed = maskAccountId && session.accountId() != null
                ? List.of(Secret.fromString(session.accountId()))
                : List.of();
        return new AwsMaskingFilter(MaskRules.standard(), fixed, environment);
    }

    /**
     * A block's filter for a granted session: with role chaining, the first session's secrets too (the block never
     * sees them, but nothing of either session may reach the log), and, when the mapping masks account ids, both
     * accounts' ids.
     */
    static AwsMaskingFilter forBlock(AwsEnvironment environment, GrantedSession granted) {
        boolean maskAccountId = granted.mapping().maskAccountId();
        List<Secret> fixed = new ArrayList<>();
        List<RoleSession> sessions = new ArrayList<>();
        sessions.add(granted.session());
        if (granted.chained()) {
            RoleSession first = granted.webIdentitySession();
            sessions.add(first);
            fixed.add(Secret.fromString(first.secretAccessKey()));
            fixed.add(Secret.fromString(first.sessionToken()));
        }
        for (RoleSession session : sessions) {
            if (maskAccountId && session.accountId() != null) {
                fixed.add(Secret.fromString(session.accountId()));
            }
        }
        return new AwsMaskingFilter(MaskRules.standard(), fixed, environment);
    }

    /** Text for the block's log with the account id masked, when the mapping asks for it. */
    static String maskAccount(String text, RoleSession session, boolean maskAccountId) {
        String account = session.accountId();
        return maskAccountId && account != null ? text.replace(account, MaskRules.DEFAULT_REPLACEMENT) : text;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        // In Pipeline the build is null; nothing here needs it.
        return masker().filter(logger);
    }

    /** A masker of what this filter masks now: also for text printed outside the block (a failure leaving it). */
    Masker masker() {
        List<Secret> all = new ArrayList<>(secrets);
        if (environment != null) {
            all.addAll(environment.secrets());
        }
        List<String> plain = new ArrayList<>(all.size());
        for (Secret secret : all) {
            plain.add(secret.getPlainText());
        }
        return rules.compile(plain);
    }
}
