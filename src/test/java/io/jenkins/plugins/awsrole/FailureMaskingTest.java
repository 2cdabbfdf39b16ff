package io.jenkins.plugins.awsrole;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.awsrole.engine.mask.Masker;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.junit.jupiter.api.Test;

/** A failure leaving a block is passed on with the block's secrets hidden in every message it carries. */
class FailureMaskingTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzEXAMPLEKEY";
    private static final Masker MASKER = Masker.of(List.of(SECRET));

    @Test
    void anAbortStaysAnAbortWithTheSecretMasked() {
        AbortException failure = new AbortException("key is " + SECRET);

        Throwable masked = FailureMasking.mask(failure, MASKER);

        assertThat(masked).isInstanceOf(AbortException.class).hasMessage("key is ****");
        assertThat(masked.getStackTrace()).isEqualTo(failure.getStackTrace());
    }

    @Test
    void anyOtherFailureKeepsItsTypeNameAndTraceAndItsCausesAreMaskedToo() {
        IllegalStateException cause = new IllegalStateException(
                "cannot parse " + Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.US_ASCII)));
        NumberFormatException failure = new NumberFormatException("For input string: \"" + SECRET + "\"");
        failure.initCause(cause);
        Throwable unrelated = new IllegalArgumentException("nothing secret");
        failure.addSuppressed(unrelated);

        Throwable masked = FailureMasking.mask(failure, MASKER);

        assertThat(masked).hasToString("java.lang.NumberFormatException: For input string: \"****\"");
        assertThat(masked.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(masked.getCause()).hasToString("java.lang.IllegalStateException: cannot parse ****");
        assertThat(masked.getSuppressed()).containsExactly(unrelated);
    }

    @Test
    void aFailureThatMentionsNoSecretIsPassedOnAsItIs() {
        AbortException failure = new AbortException("script returned exit code 1");
        RuntimeException other = new RuntimeException(new AbortException("nothing"));

        assertThat(FailureMasking.mask(failure, MASKER)).isSameAs(failure);
        assertThat(FailureMasking.mask(other, MASKER)).isSameAs(other);
    }

    @Test
    void aSecretInACauseOnlyIsFoundToo() {
        RuntimeException failure = new RuntimeException("wrapped", new AbortException(SECRET));

        Throwable masked = FailureMasking.mask(failure, MASKER);

        assertThat(masked).hasToString("java.lang.RuntimeException: wrapped");
        assertThat(masked.getCause()).isInstanceOf(AbortException.class).hasMessage("****");
    }

    @Test
    void anInterruptionIsLeftAsJenkinsMadeIt() {
        FlowInterruptedException aborted = new FlowInterruptedException(Result.ABORTED);

        assertThat(FailureMasking.mask(aborted, MASKER)).isSameAs(aborted);
    }
}
