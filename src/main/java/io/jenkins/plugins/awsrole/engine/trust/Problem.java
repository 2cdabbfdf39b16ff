package io.jenkins.plugins.awsrole.engine.trust;

import java.util.Objects;

/**
 * One thing wrong (or doubtful) in a trust mapping: which stage, which field, and a message that says what to fix.
 *
 * @param severity {@link Severity#ERROR} blocks the mapping; {@link Severity#WARNING} is advice
 * @param stage the stage name of the mapping, or {@code null} when a single field is checked on its own
 * @param field the field at fault
 * @param message what is wrong and how to fix it, without the stage and field (see {@link #describe()})
 */
public record Problem(Severity severity, String stage, MappingField field, String message) {

    /** How bad a problem is. */
    public enum Severity {
        /** The mapping cannot be used until this is fixed. */
        ERROR,
        /** The mapping works, but probably not as intended. */
        WARNING
    }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    static Problem error(MappingField field, String message) {
        return new Problem(Severity.ERROR, null, field, message);
    }

    static Problem warning(MappingField field, String message) {
        return new Problem(Severity.WARNING, null, field, message);
    }

    /** This problem, attributed to a stage. */
    public Problem inStage(String stageName) {
        return new Problem(severity, stageName, field, message);
    }

    /** Whether this is an error. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The message with its place, for lists of problems (JCasC, logs): {@code Stage 'deploy', roleArn: …}.
     */
    public String describe() {
        String place = stage == null ? field.formName() : "Stage '" + stage + "', " + field.formName();
        return place + ": " + message;
    }
}
