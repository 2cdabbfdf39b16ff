package io.jenkins.plugins.awsrole;

import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.awsrole.engine.mask.MaskRules;
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
    private final List<Secret> secrets;

    private AwsMaskingFilter(MaskRules rules, List<Secret> secrets) {
        this.rules = rules;
        this.secrets = secrets;
    }

    /** A filter for the key id, secret key and session token of a session. */
    static AwsMaskingFilter of(RoleSession session) {
        return of(session, false);
    }

    /** A filter for the session's credentials and, when asked, the role's account id. */
    static AwsMaskingFilter of(RoleSession session, boolean maskAccountId) {
        List<Secret> secrets = new ArrayList<>(4);
        secrets.add(Secret.fromString(session.accessKeyId()));
        secrets.add(Secret.fromString(session.secretAccessKey()));
        secrets.add(Secret.fromString(session.sessionToken()));
        if (maskAccountId && session.accountId() != null) {
            secrets.add(Secret.fromString(session.accountId()));
        }
        return new AwsMaskingFilter(MaskRules.standard(), List.copyOf(secrets));
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
        List<String> plain = new ArrayList<>(secrets.size());
        for (Secret secret : secrets) {
            plain.add(secret.getPlainText());
        }
        return rules.compile(plain).filter(logger);
    }
}
