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
 * @param named whether the rule names either timeout, {@code 0s} included: a rule that says {@code 0s} wants no
 *     limit, not even the data plane's default request timeout
 */
public record TimeoutsSpec(Duration request, Duration backendRequest, boolean named) implements FilterSpec {

    public TimeoutsSpec {
        requireNonNull(request, "request");
        requireNonNull(backendRequest, "backendRequest");
    }

    /** A spec that names the timeouts that are not zero. */
    public TimeoutsSpec(Duration request, Duration backendRequest) {
        this(request, backendRequest, !request.isZero() || !backendRequest.isZero());
    }
}
