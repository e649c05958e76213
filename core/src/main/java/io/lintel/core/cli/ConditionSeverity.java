package io.lintel.core.cli;

import java.util.Set;

/**
 * How {@code lintel validate} weighs a status condition: an error fails validation ({@code Accepted} or
 * {@code Programmed} not True), a warning fails it only with {@code --strict} (a condition in the state that means
 * something is off, e.g. {@code ResolvedRefs=False}, {@code Conflicted=True}, {@code PartiallyInvalid=True}, or any
 * condition whose status is {@code Unknown}).
 */
enum ConditionSeverity {
    OK, WARNING, ERROR;

    /** Conditions whose True is the bad state (the Gateway API's "abnormal-true" polarity). */
    private static final Set<String> TRUE_IS_BAD = Set.of("Conflicted", "PartiallyInvalid", "OverlappingTLSConfig");

    static ConditionSeverity of(Object type, Object status) {
        if ("Accepted".equals(type) || "Programmed".equals(type)) {
            return "False".equals(status) ? ERROR : "Unknown".equals(status) ? WARNING : OK;
        }
        if ("Unknown".equals(status)) {
            return WARNING;
        }
        boolean bad = TRUE_IS_BAD.contains(type) ? "True".equals(status) : "False".equals(status);
        return bad ? WARNING : OK;
    }
}
