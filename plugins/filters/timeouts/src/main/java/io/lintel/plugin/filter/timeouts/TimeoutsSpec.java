package io.lintel.plugin.filter.timeouts;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterSpec;
import java.time.Duration;

/**
 * A validated {@code timeouts} rule field; {@link Duration#ZERO} means no limit (the field is absent or {@code 0s}).
 *
 * @param request the limit on answering the whole request
 * @param backendRequest the limit on each attempt to get a response from a backend; never longer than a non-zero
 *     {@code request}
 */
public record TimeoutsSpec(Duration request, Duration backendRequest) implements FilterSpec {

    public TimeoutsSpec {
        requireNonNull(request, "request");
        requireNonNull(backendRequest, "backendRequest");
    }
}
