package io.lintel.spi.config;

import static java.util.Objects.requireNonNull;

/**
 * Where a document or problem came from: an origin (a file path, a Kubernetes API path, a Consul key) and a
 * 1-based line in it, or 0 when lines do not apply.
 */
public record SourceLocation(String origin, int line) {

    public SourceLocation {
        requireNonNull(origin, "origin");
        if (line < 0) {
            throw new IllegalArgumentException("line: " + line + " (expected: >= 0)");
        }
    }

    @Override
    public String toString() {
        return line > 0 ? origin + ":" + line : origin;
    }
}
