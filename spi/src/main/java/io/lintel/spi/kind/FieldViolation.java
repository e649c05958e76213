package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

/**
 * One way a document breaks its kind's schema or one of its validation rules, as the API server would refuse it.
 * Core lists it as a configuration problem of the document and leaves the document out.
 *
 * @param fieldPath the offending field from the document's root, e.g. {@code spec.rules[0].backendRefs[1].port};
 *     an entry of a map is written {@code labels[key]}; empty when the whole document is at fault
 * @param message what is wrong and what was expected, e.g. {@code 65536 is out of range (expected 1-65535)}
 */
public record FieldViolation(String fieldPath, String message) {

    public FieldViolation {
        requireNonNull(fieldPath, "fieldPath");
        requireNonNull(message, "message");
    }
}
