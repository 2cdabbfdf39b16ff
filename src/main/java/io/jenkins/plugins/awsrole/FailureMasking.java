package io.jenkins.plugins.awsrole;

import hudson.AbortException;
import io.jenkins.plugins.awsrole.engine.mask.Masker;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * A failure that leaves a {@code withAwsRole} block with the block's secrets hidden in its messages. Such a failure is
 * printed outside the block, where its masking filter no longer applies: in the build's closing {@code ERROR:} line,
 * the stack trace Jenkins prints, the error shown for the flow nodes, and the copies Jenkins stores with them.
 *
 * <p>A failure that mentions no secret is passed on as it is. One that does is replaced: an {@link AbortException} by an
 * {@link AbortException} with the masked message (so it is still printed without a stack trace), anything else by a
 * {@link MaskedFailure} that names the original type and keeps its stack trace; causes and suppressed exceptions are
 * masked the same way. A {@link FlowInterruptedException} is passed on as it is: its message is made by Jenkins from
 * the causes of the interruption, and replacing it would change the build's result.
 */
final class FailureMasking {

    private FailureMasking() {}

    /** The failure to pass on: {@code failure} itself when it mentions no secret, else a masked copy. */
    static Throwable mask(Throwable failure, Masker masker) {
        if (failure instanceof FlowInterruptedException || !mentionsSecret(failure, masker, identitySet())) {
            return failure;
        }
        return copy(failure, masker, identitySet());
    }

    private static Set<Throwable> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static boolean mentionsSecret(Throwable t, Masker masker, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        String text = t.toString();
        if (!masker.mask(text).equals(text)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (mentionsSecret(suppressed, masker, seen)) {
                return true;
            }
        }
        return mentionsSecret(t.getCause(), masker, seen);
    }

    private static Throwable copy(Throwable t, Masker masker, Set<Throwable> seen) {
        if (!seen.add(t) || !mentionsSecret(t, masker, identitySet())) {
            return t; // nothing to hide here (an ErrorId that links the flow nodes' errors stays as it is)
        }
        Throwable copy;
        if (t instanceof AbortException) {
            copy = new AbortException(t.getMessage() == null ? null : masker.mask(t.getMessage()));
        } else {
            copy = new MaskedFailure(masker.mask(t.toString()));
        }
        copy.setStackTrace(t.getStackTrace());
        if (t.getCause() != null && t.getCause() != t) {
            copy.initCause(copy(t.getCause(), masker, seen));
        }
        for (Throwable suppressed : t.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, masker, seen));
        }
        return copy;
    }

    /**
     * Stands for a failure whose message held a secret: its message is the original's type and masked message, its
     * stack trace the original's.
     */
    static final class MaskedFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MaskedFailure(String maskedDescription) {
            super(maskedDescription);
        }

        @Override
        public String toString() {
            return getMessage(); // already "type: message", so that it prints like the original
        }
    }
}
