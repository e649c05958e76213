package io.lintel.core.translate.validate;

import static java.util.Objects.requireNonNull;

/**
 * One way a document breaks the schema or a cross-field rule.
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
