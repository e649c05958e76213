package io.lintel.plugin.filter.retry;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterSpec;
import java.time.Duration;
import java.util.List;

/**
 * A validated {@code retry} rule field.
 *
 * @param codes the response status codes (400-599) that make a request be tried again, ascending
 * @param attempts how many times a request may be retried after its first try (GEP-1731 {@code attempts})
 * @param backoff the wait before each retry; {@link Duration#ZERO} for none
 */
public record RetrySpec(List<Integer> codes, int attempts, Duration backoff) implements FilterSpec {

    public RetrySpec {
        codes = List.copyOf(requireNonNull(codes, "codes"));
        requireNonNull(backoff, "backoff");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 0)");
        }
    }
}
