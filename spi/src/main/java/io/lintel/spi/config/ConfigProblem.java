package io.lintel.spi.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Something wrong with the configuration that a user must fix: a file that does not parse, a document without a
 * kind, a field the schema rejects. Problems are shown by {@code lintel validate}, logged, and listed by the admin
 * server; the last good configuration keeps serving.
 *
 * @param location where it is
 * @param resource the resource it concerns, when known
 * @param fieldPath the field, e.g. {@code spec.rules[0].matches[1].path.value}; empty when the whole document is at fault
 * @param message what is wrong and what was expected
 */
public record ConfigProblem(SourceLocation location, Optional<ResourceKey> resource, String fieldPath, String message) {

    public ConfigProblem {
        requireNonNull(location, "location");
        requireNonNull(resource, "resource");
        requireNonNull(fieldPath, "fieldPath");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(location.toString()).append(": ");
        resource.ifPresent(r -> text.append(r).append(": "));
        if (!fieldPath.isEmpty()) {
            text.append(fieldPath).append(": ");
        }
        return text.append(message).toString();
    }
}
