package io.jenkins.plugins.awsrole.awscredentials;

import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.BasicSessionCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.awsrole.CredentialSessions;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * An {@link AwsRoleCredentials} bound to one build: the first time a consumer asks for keys, it obtains a session of
 * the stage for that build ({@link CredentialSessions#obtain}) and hands out that session's credentials until the
 * session is due for renewal, when it obtains the next one. Every session is in the audit trail and revoked when the
 * build ends, where the mapping has revocation on. In memory only: the credential keeps it in a transient field.
 */
final class BuildBinding {

    private final Run<?, ?> run;
    private final String stage;
    private final String credentialsId;

    /** The session handed out now; {@code null} until a consumer first asks. Guarded by this. */
    @CheckForNull
    private GrantedSession session;

    /** When {@link #session} is to be renewed. Guarded by this. */
    @CheckForNull
    private Instant renewAt;

    BuildBinding(Run<?, ?> run, String stage, String credentialsId) {
        this.run = run;
        this.stage = stage;
        this.credentialsId = credentialsId;
    }

    /** The session's credentials with their expiry, for SDK v2 consumers. */
    AwsCredentials sdkV2() {
        RoleSession s = current().session();
        return AwsSessionCredentials.builder()
                .accessKeyId(s.accessKeyId())
                .secretAccessKey(s.secretAccessKey())
                .sessionToken(s.sessionToken())
                .expirationTime(s.expiration())
                .build();
    }

    /** The session's credentials, with their token, for SDK v1 consumers. */
    AWSCredentials sdkV1() {
        RoleSession s = current().session();
        return new BasicSessionCredentials(s.accessKeyId(), s.secretAccessKey(), s.sessionToken());
    }

    /** The next request for keys obtains a fresh session. */
    synchronized void refresh() {
        renewAt = null;
    }

    private synchronized GrantedSession current() {
        GrantedSession now = session;
        if (now != null && renewAt != null && CredentialSessions.now().isBefore(renewAt)) {
            return now;
        }
        GrantedSession next;
        try {
            next = CredentialSessions.obtain(run, stage, credentialsId, now);
        } catch (AbortException e) {
            // AwsCredentialsProvider declares no checked exception, yet the caller inside a build is a build step
            // (credentials-binding's bind, a wrapper's setUp, a Pipeline step), which ends the build with an
            // AbortException's message alone, where any other exception prints a stack trace. The refusal must read
            // like withAwsRole's, so it travels as what it is.
            throw Undeclared.<RuntimeException>rethrow(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Undeclared.<RuntimeException>rethrow(e);
        }
        session = next;
        renewAt = CredentialSessions.renewalDue(next);
        return next;
    }

    /** Throws a checked exception through a method that does not declare it. */
    private static final class Undeclared {

        private Undeclared() {}

        @SuppressWarnings("unchecked")
        static <T extends Throwable> RuntimeException rethrow(Throwable t) throws T {
            throw (T) t;
        }
    }
}
