package io.lintel.schema;

import static java.util.Objects.requireNonNull;

/**
 * One way a document breaks the schema or a cross-field rule. A plugin hands it to core as the SPI's
 * {@code FieldViolation}: each plugin class loader holds its own copy of this library, so no DSL type may cross the
 * SPI.
 *
 * @param fieldPath e.g. {@code spec.rules[0].matches[1].path.value}
 * @param message what is wrong and what was expected
 */
public record Violation(String fieldPath, String message) {

    public Violation {
        requireNonNull(fieldPath, "fieldPath");
        requireNonNull(message, "message");
    }
}
