package io.jenkins.plugins.awsrole.engine.trust;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every problem found in a field, a mapping or a set of mappings, errors and warnings kept apart.
 *
 * <p>The configuration form shows {@link #forField} next to each field; JCasC reports {@link #summary()} and refuses
 * the configuration when {@link #hasErrors()}.
 */
public final class Validation {

    private static final Validation OK = new Validation(List.of());

    private final List<Problem> problems;

    private Validation(List<Problem> problems) {
        this.problems = Collections.unmodifiableList(problems);
    }

    /** A validation that found nothing. */
    public static Validation ok() {
        return OK;
    }

    /** A validation of these problems, in this order. */
    public static Validation of(List<Problem> problems) {
        return problems.isEmpty() ? OK : new Validation(new ArrayList<>(problems));
    }

    /** All problems, errors and warnings, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    /** The errors only. */
    public List<Problem> errors() {
        return select(Problem.Severity.ERROR);
    }

    /** The warnings only. */
    public List<Problem> warnings() {
        return select(Problem.Severity.WARNING);
    }

    /** Whether any problem is an error. */
    public boolean hasErrors() {
        for (Problem problem : problems) {
            if (problem.isError()) {
                return true;
            }
        }
        return false;
    }

    /** Whether nothing at all was found. */
    public boolean isClean() {
        return problems.isEmpty();
    }

    /** The problems of one field, for the form check of that field. */
    public List<Problem> forField(MappingField field) {
        List<Problem> selected = new ArrayList<>();
        for (Problem problem : problems) {
            if (problem.field() == field) {
                selected.add(problem);
            }
        }
        return selected;
    }

    /** This validation followed by another's problems. */
    public Validation and(Validation other) {
        if (other.problems.isEmpty()) {
            return this;
        }
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(other.problems);
        return of(all);
    }

    /**
     * One line per problem, errors first, each naming stage and field: what JCasC and the log show. Empty when there
     * are no problems.
     */
    public String summary() {
        StringBuilder summary = new StringBuilder();
        for (Problem problem : errors()) {
            summary.append("ERROR ").append(problem.describe()).append('\n');
        }
        for (Problem problem : warnings()) {
            summary.append("WARNING ").append(problem.describe()).append('\n');
        }
        return summary.toString().stripTrailing();
    }

    private List<Problem> select(Problem.Severity severity) {
        List<Problem> selected = new ArrayList<>();
        for (Problem problem : problems) {
            if (problem.severity() == severity) {
                selected.add(problem);
            }
        }
        return selected;
    }

    @Override
    public String toString() {
        return problems.isEmpty() ? "Validation[ok]" : "Validation[" + summary().replace('\n', ' ') + "]";
    }
}
