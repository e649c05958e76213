package io.lintel.plugin.filter.mirror;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterSpec;

/**
 * A validated {@code requestMirror}: copy {@code numerator} out of every {@code denominator} requests to
 * {@code backend} (all of them by default).
 *
 * @param backend the mirror backend as core resolved it; an unresolved one is never sent to
 * @param numerator the share of requests copied, over {@code denominator} (0 copies none)
 * @param denominator positive; {@code numerator <= denominator}
 */
public record RequestMirrorSpec(FilterBackend backend, int numerator, int denominator) implements FilterSpec {

    public RequestMirrorSpec {
        requireNonNull(backend, "backend");
        if (denominator <= 0 || numerator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("fraction: " + numerator + "/" + denominator
                    + " (expected: 0 <= numerator <= denominator, denominator > 0)");
        }
    }

    /** Whether every request is copied (no sampling needed). */
    boolean always() {
        return numerator == denominator;
    }
}
