package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrole.FormChecks.Kind;
import io.jenkins.plugins.awsrole.FormChecks.Message;
import io.jenkins.plugins.awsrole.engine.trust.MappingField;
import io.jenkins.plugins.awsrole.engine.trust.Problem;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappingValidator;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the engine's problems of one field become the form's messages. {@link FormChecks#toFormValidation} only maps
 * these to {@code FormValidation.error}/{@code warning} and aggregates them, which needs a live Jenkins.
 */
class FormChecksTest {

    @Test
    void aFineFieldHasNoMessage() {
        assertThat(FormChecks.messages(TrustMappingValidator.checkStage("deploy")))
                .isEmpty();
        assertThat(FormChecks.messages(Validation.ok())).isEmpty();
    }

    @Test
    void anErrorIsShownWithoutStageOrFieldName() {
        List<Message> messages = FormChecks.messages(TrustMappingValidator.checkRoleArn("role/deploy"));

        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.kind()).isEqualTo(Kind.ERROR);
            assertThat(message.text()).startsWith("'role/deploy' is not an ARN.");
            assertThat(message.text()).doesNotContain("roleArn:");
        });
    }

    @Test
    void aWarningStaysAWarning() {
        List<Message> messages = FormChecks.messages(TrustMappingValidator.checkSessionDuration(7200));

        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.kind()).isEqualTo(Kind.WARNING);
            assertThat(message.text()).contains("maximum session duration");
        });
    }

    @Test
    void severalProblemsAreAllShownErrorsFirst() {
        // The engine reports them in list order: the warning for '**' comes after the error for '/bad/'.
        Validation validation = TrustMappingValidator.checkJobs(List.of("**", "/bad/", "team//app"));

        List<Message> messages = FormChecks.messages(validation);

        assertThat(messages).extracting(Message::kind).containsExactly(Kind.ERROR, Kind.ERROR, Kind.WARNING);
        assertThat(messages.get(0).text()).contains("'/bad/'").contains("starts or ends with '/'");
        assertThat(messages.get(1).text()).contains("'team//app'").contains("empty segment");
        assertThat(messages.get(2).text()).contains("'**' lets every job");
    }

    @Test
    void errorsComeFirstEvenWhenFoundLater() {
        Validation validation = Validation.of(List.of(
                new Problem(Problem.Severity.WARNING, "deploy", MappingField.JOBS, "first, a warning"),
                new Problem(Problem.Severity.ERROR, "deploy", MappingField.JOBS, "then an error")));

        assertThat(FormChecks.messages(validation))
                .containsExactly(
                        new Message(Kind.ERROR, "then an error"), new Message(Kind.WARNING, "first, a warning"));
    }

    @Test
    void aFormOnlyErrorNamesItsField() {
        Validation validation = FormChecks.error(MappingField.SESSION_DURATION, "not a number");

        assertThat(validation.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo(MappingField.SESSION_DURATION);
            assertThat(problem.stage()).isNull();
        });
        assertThat(FormChecks.messages(validation)).containsExactly(new Message(Kind.ERROR, "not a number"));
    }

    @Test
    void theDurationIsCheckedAsTyped() {
        assertThat(FormChecks.messages(AwsRoleMapping.DescriptorImpl.checkSessionDuration("")))
                .isEmpty();
        assertThat(FormChecks.messages(AwsRoleMapping.DescriptorImpl.checkSessionDuration(" 3600 ")))
                .isEmpty();
        assertThat(FormChecks.messages(AwsRoleMapping.DescriptorImpl.checkSessionDuration("1h")))
                .containsExactly(new Message(
                        Kind.ERROR,
                        "The session duration must be a whole number of seconds, for example 3600; it is '1h'."));
        assertThat(FormChecks.messages(AwsRoleMapping.DescriptorImpl.checkSessionDuration("600")))
                .singleElement()
                .satisfies(message -> {
                    assertThat(message.kind()).isEqualTo(Kind.ERROR);
                    assertThat(message.text()).contains("STS accepts 900 (15 minutes) to 43200 (12 hours)");
                });
        assertThat(FormChecks.messages(AwsRoleMapping.DescriptorImpl.checkSessionDuration("43200")))
                .extracting(Message::kind)
                .containsExactly(Kind.WARNING);
    }
}
