package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.audit.AuditLog;
import io.jenkins.plugins.awsrole.engine.oidc.TokenFacts;
import io.jenkins.plugins.awsrole.engine.session.ControllerSessions;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.sts.StsExchangeException;
import java.time.Instant;

/**
 * Records the controller's own sessions (the revoker's, the drift reader's) in the audit trail: the token it signed
 * for itself ({@code TOKEN_ISSUED}), then AWS's answer ({@code SESSION_OBTAINED}, or {@code REFUSED} with rule
 * {@link #RULE}). The events belong to no build: their job is {@value #JOB}, their build 0 (Jenkins numbers builds
 * from 1), and their stage is the session's purpose, so the admin page of recent sessions lists them and no build's
 * page does.
 */
final class ControllerAudit implements ControllerSessions.Listener {

    /** The job of the controller's own events. */
    static final String JOB = "jenkins-controller";

    /** The stage of the issuer's own events (its keys). */
    static final String ISSUER_STAGE = "issuer";

    /** The rule of a refused controller session. */
    static final String RULE = "controller";

    private final AuditLog audit;
    private final String job;
    private final long build;
    private final String requestedBy;

    ControllerAudit(AuditLog audit) {
        this(audit, JOB, 0, null);
    }

    private ControllerAudit(AuditLog audit, String job, long build, String requestedBy) {
        this.audit = audit;
        this.job = job;
        this.build = build;
        this.requestedBy = requestedBy;
    }

    /**
     * The controller's sessions that a build made it open (the drift check from a Pipeline): recorded as events of
     * that build, with the step named in each message, so the trail says which build asked.
     */
    ControllerAudit forBuild(String jobFullName, long buildNumber, String step) {
        return new ControllerAudit(audit, jobFullName, buildNumber, step + " in " + jobFullName + " #" + buildNumber);
    }

    @Override
    public void tokenIssued(String purpose, String roleArn, String sessionName, TokenFacts token) {
        audit.record(event(
                AuditEvent.Kind.TOKEN_ISSUED,
                purpose,
                roleArn,
                sessionName,
                token.expiresAt(),
                "issued",
                null,
                "controller's own token: " + token.describe()));
    }

    @Override
    public void obtained(String purpose, String roleArn, RoleSession session) {
        audit.record(event(
                AuditEvent.Kind.SESSION_OBTAINED,
                purpose,
                roleArn,
                session.sessionName(),
                session.expiration(),
                "ok",
                null,
                "controller's own session"));
    }

    @Override
    public void refused(String purpose, String roleArn, StsExchangeException failure) {
        audit.record(event(
                AuditEvent.Kind.REFUSED,
                purpose,
                roleArn,
                ControllerSessions.SESSION_NAME_PREFIX + purpose,
                null,
                "refused",
                RULE,
                "AWS answered " + failure.code() + ": " + failure.getMessage()));
    }

    /** An administrator revoked the issuer's signing keys ({@code KEY_REVOKED}, stage {@value #ISSUER_STAGE}). */
    static AuditEvent keysRevoked(String user, String message) {
        return new AuditEvent(
                Instant.now(),
                AuditEvent.Kind.KEY_REVOKED,
                JOB,
                0,
                ISSUER_STAGE,
                null,
                null,
                null,
                "revoked",
                null,
                message + " By user " + user + ".");
    }

    private AuditEvent event(
            AuditEvent.Kind kind,
            String purpose,
            String roleArn,
            String sessionName,
            Instant expiry,
            String outcome,
            String rule,
            String message) {
        String said = requestedBy == null ? message : message + " (for " + requestedBy + ")";
        return new AuditEvent(
                Instant.now(), kind, job, build, purpose, roleArn, sessionName, expiry, outcome, rule, said);
    }
}
