package io.jenkins.plugins.awsrole;

import hudson.util.FormValidation;
import io.jenkins.plugins.awsrole.engine.trust.MappingField;
import io.jenkins.plugins.awsrole.engine.trust.Problem;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the engine's problems of one field into what the form shows next to that field: each problem one message,
 * errors before warnings, several aggregated into one answer of the worst kind.
 */
final class FormChecks {

    /** How a message is shown. */
    enum Kind {
        ERROR,
        WARNING
    }

    /** One message for the form. The field is already known (the message sits next to it), so it is not repeated. */
    record Message(Kind kind, String text) {}

    private FormChecks() {}

    /** The messages of a field's validation, errors first; empty when the field is fine. */
    static List<Message> messages(Validation validation) {
        List<Message> messages = new ArrayList<>();
        for (Problem problem : validation.errors()) {
            messages.add(new Message(Kind.ERROR, problem.message()));
        }
        for (Problem problem : validation.warnings()) {
            messages.add(new Message(Kind.WARNING, problem.message()));
        }
        return messages;
    }

    /** A validation of one error in one field, for checks the form needs beyond the engine's (a non-number). */
    static Validation error(MappingField field, String message) {
        return Validation.of(List.of(new Problem(Problem.Severity.ERROR, null, field, message)));
    }

    /** The form's answer for a field's validation: OK, or every message, of the worst kind among them. */
    static FormValidation toFormValidation(Validation validation) {
        List<FormValidation> answers = new ArrayList<>();
        for (Message message : messages(validation)) {
            answers.add(
                    message.kind() == Kind.ERROR
                            ? FormValidation.error(message.text())
                            : FormValidation.warning(message.text()));
        }
        return FormValidation.aggregate(answers);
    }
}
