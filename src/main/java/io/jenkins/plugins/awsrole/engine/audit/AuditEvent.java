package io.jenkins.plugins.awsrole.engine.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a build's AWS access: a token issued, a session obtained, refused, refreshed, revoked,
 * or a revocation that failed; or to the issuer itself: its signing keys revoked.
 *
 * <p>An event holds no secret by construction: there is no field for a token or a credential, and callers must not
 * put one into {@code message} (messages are the same sentences the build log shows). Fields that do not apply are
 * {@code null}.
 *
 * @param time when it happened
 * @param kind what happened
 * @param job the job's full name
 * @param build the build number
 * @param stage the stage the block asked for
 * @param roleArn the role, or {@code null} when none was reached (a refusal for an unknown stage)
 * @param sessionName the role session name, or {@code null}
 * @param expiry when the session's credentials expire, or {@code null}
 * @param outcome a short word for the result ({@code ok}, {@code refused}, {@code failed}, {@code expired}, ...)
 * @param rule for a refusal, the rule that refused, or {@code null}
 * @param message a sentence for people, or {@code null}
 */
public record AuditEvent(
        Instant time,
        Kind kind,
        String job,
        long build,
        String stage,
        String roleArn,
        String sessionName,
        Instant expiry,
        String outcome,
        String rule,
        String message) {

    /** What happened. */
    public enum Kind {
        TOKEN_ISSUED,
        SESSION_OBTAINED,
        REFUSED,
        REFRESHED,
        REVOKED,
        REVOCATION_FAILED,
        /** An administrator took the issuer's signing keys out of the JWKS at once ("Revoke signing key now"). */
        KEY_REVOKED
    }

    /** Requires time, kind and job. */
    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(job, "job");
    }

    /** Whether the event belongs to this build. */
    public boolean isOf(String jobFullName, long buildNumber) {
        return job.equals(jobFullName) && build == buildNumber;
    }

    /**
     * The event as one logfmt line, for log shipping: {@code key=value} pairs separated by spaces, always in this
     * order: {@code time kind job build stage role session expiry outcome rule message}. Keys whose value is absent
     * are left out. A value is quoted when it is empty or holds a space, {@code "}, {@code =} or {@code \}; inside
     * quotes {@code "} and {@code \} are escaped with {@code \}, and line breaks, tabs and other control characters
     * are written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}, so one event is always one line.
     */
    public String toLogLine() {
        StringBuilder out = new StringBuilder();
        field(out, "time", time.toString());
        field(out, "kind", kind.name());
        field(out, "job", job);
        field(out, "build", Long.toString(build));
        field(out, "stage", stage);
        field(out, "role", roleArn);
        field(out, "session", sessionName);
        field(out, "expiry", expiry == null ? null : expiry.toString());
        field(out, "outcome", outcome);
        field(out, "rule", rule);
        field(out, "message", message);
        return out.toString();
    }

    private static void field(StringBuilder out, String key, String value) {
        if (value == null) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(key).append('=');
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f || Character.isWhitespace(c);
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < ' ' || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return toLogLine();
    }
}
