package io.jenkins.plugins.awsrole;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrole.engine.audit.AuditEvent;
import io.jenkins.plugins.awsrole.engine.oidc.MintedToken;
import io.jenkins.plugins.awsrole.engine.revoke.RevocationResult;
import io.jenkins.plugins.awsrole.engine.session.GrantedSession;
import io.jenkins.plugins.awsrole.engine.sts.RoleSession;
import io.jenkins.plugins.awsrole.engine.trust.BuildIdentity;
import io.jenkins.plugins.awsrole.engine.trust.DenialReason;
import java.time.Instant;
import java.util.List;

/** The audit events of a block's life, made from what the block knows at that moment. */
final class SessionAudit {

    private SessionAudit() {}

    /** A token signed for a block, before it goes to STS; the event names it by its {@code jti}, never by itself. */
    static AuditEvent tokenIssued(
            BuildIdentity build, String stage, String roleArn, String sessionName, MintedToken token) {
        return new AuditEvent(
                Instant.now(),
                AuditEvent.Kind.TOKEN_ISSUED,
                build.jobFullName(),
                build.buildNumber(),
                stage,
                roleArn,
                sessionName,
                token.expiresAt(),
                "issued",
                null,
                token.facts().describe());
    }

    /**
     * The sessions a block obtained: one event, or, with role chaining, one for the web identity session and one for
     * the chained session the block got, each naming its role and which it is.
     */
    static List<AuditEvent> obtained(BuildIdentity build, String stage, GrantedSession granted) {
        return granted(AuditEvent.Kind.SESSION_OBTAINED, build, stage, granted, null);
    }

    /**
     * A fresh session that replaced the block's previous one (before it ran out, or after a controller restart); the
     * message says which, and names the replaced session.
     */
    static List<AuditEvent> refreshed(BuildIdentity build, String stage, GrantedSession granted, String why) {
        return granted(AuditEvent.Kind.REFRESHED, build, stage, granted, why);
    }

    private static List<AuditEvent> granted(
            AuditEvent.Kind kind, BuildIdentity build, String stage, GrantedSession granted, String why) {
        String message = withSource(granted, why);
        if (!granted.chained()) {
            return List.of(event(kind, build, stage, granted.roleArn(), granted.session(), message));
        }
        String prefix = message == null ? "" : message + "; ";
        return List.of(
                event(
                        kind,
                        build,
                        stage,
                        granted.mapping().roleArn(),
                        granted.webIdentitySession(),
                        prefix + "web identity session, which assumed the chained role " + granted.roleArn()),
                event(
                        kind,
                        build,
                        stage,
                        granted.roleArn(),
                        granted.session(),
                        prefix + "chained session, assumed by the session of "
                                + granted.mapping().roleArn()));
    }

    private static AuditEvent event(
            AuditEvent.Kind kind,
            BuildIdentity build,
            String stage,
            String roleArn,
            RoleSession session,
            String message) {
        return new AuditEvent(
                Instant.now(),
                kind,
                build.jobFullName(),
                build.buildNumber(),
                stage,
                roleArn,
                session.sessionName(),
                session.expiration(),
                "ok",
                null,
                message);
    }

    /**
     * A folder's mapping says so, since the nearest folder that maps the stage wins over the global mappings: the
     * build's "AWS sessions" page then shows which mapping gave the role.
     */
    private static String withSource(GrantedSession granted, String message) {
        String folder = granted.mapping().folder();
        if (folder == null) {
            return message;
        }
        String source = "mapping of folder '" + folder + "'";
        return message == null ? source : source + "; " + message;
    }

    /**
     * A refusal: by the trust mappings (with their rule), or by AWS ({@code rule} {@code sts}), or for a setup problem
     * ({@code rule} {@code configuration}).
     */
    static AuditEvent refused(
            BuildIdentity build, String stage, @CheckForNull DenialReason reason, String rule, String message) {
        return new AuditEvent(
                Instant.now(),
                AuditEvent.Kind.REFUSED,
                build.jobFullName(),
                build.buildNumber(),
                stage,
                null,
                null,
                null,
                "refused",
                reason == null ? rule : reason.rule(),
                message);
    }

    /** A revocation's outcome: revoked (or already expired), or failed with what to fix. */
    static AuditEvent revocation(BlockSession session, RevocationResult result) {
        boolean done = result.isDone();
        String outcome =
                switch (result.status()) {
                    case REVOKED -> "ok";
                    case REVOKED_ROLE_WIDE -> "role-wide";
                    case ALREADY_EXPIRED -> "expired";
                    case FAILED -> "failed";
                };
        return new AuditEvent(
                Instant.now(),
                done ? AuditEvent.Kind.REVOKED : AuditEvent.Kind.REVOCATION_FAILED,
                session.job(),
                session.build(),
                session.stage(),
                session.roleArn(),
                session.sessionName(),
                session.expiration(),
                outcome,
                null,
                done ? null : result.message());
    }
}
