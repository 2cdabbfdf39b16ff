package io.jenkins.plugins.awsrole;

import io.jenkins.plugins.awsrole.engine.trust.Problem;
import io.jenkins.plugins.awsrole.engine.trust.TrustMapping;
import io.jenkins.plugins.awsrole.engine.trust.TrustMappings;
import io.jenkins.plugins.awsrole.engine.trust.Validation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The configured mappings as one set: converted for the engine, and checked as a whole (each mapping, and unique
 * stage names) before the configuration accepts them, with messages for the form and for JCasC.
 */
final class MappingSet {

    private MappingSet() {}

    /** The engine's view of these mappings, in order, with no role reserved. */
    static TrustMappings toTrustMappings(List<AwsRoleMapping> mappings) {
        return toTrustMappings(mappings, List.of());
    }

    /** The engine's view of these mappings, in order; no build may have a reserved role (the revocation role). */
    static TrustMappings toTrustMappings(List<AwsRoleMapping> mappings, Collection<String> reservedRoles) {
        List<TrustMapping> converted = new ArrayList<>(mappings.size());
        for (AwsRoleMapping mapping : mappings) {
            converted.add(mapping.toTrustMapping());
        }
        return TrustMappings.of(converted, reservedRoles);
    }

    /** Every problem of every mapping and of the set. */
    static Validation validate(List<AwsRoleMapping> mappings) {
        return toTrustMappings(mappings).validate();
    }

    /** Every problem of every mapping and of the set, a mapping naming a reserved role included. */
    static Validation validate(List<AwsRoleMapping> mappings, Collection<String> reservedRoles) {
        return toTrustMappings(mappings, reservedRoles).validate();
    }

    /**
     * Why the form submission is refused: the first error with its stage and field, and how many more there are (each
     * field's own check shows them). Only for a validation with errors.
     */
    static String formError(Validation validation) {
        List<Problem> errors = validation.errors();
        String first = errors.get(0).describe();
        return errors.size() == 1
                ? Messages.AwsRoleConfiguration_MappingsNotSaved(first)
                : Messages.AwsRoleConfiguration_MappingsNotSavedMore(first, errors.size() - 1);
    }

    /** Why a folder's mappings page refuses the submission: the first error, and how many more there are. */
    static String folderFormError(String folder, Validation validation) {
        List<Problem> errors = validation.errors();
        String first = errors.get(0).describe();
        return errors.size() == 1
                ? Messages.FolderMappings_NotSaved(folder, first)
                : Messages.FolderMappings_NotSavedMore(folder, first, errors.size() - 1);
    }

    /** Why JCasC's mappings are refused: every problem, one a line. Only for a validation with errors. */
    static String casCError(Validation validation) {
        return Messages.AwsRoleConfiguration_MappingsRejected(validation.summary());
    }
}
