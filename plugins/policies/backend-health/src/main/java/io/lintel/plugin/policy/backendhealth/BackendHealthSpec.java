package io.lintel.plugin.policy.backendhealth;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.policy.PolicySpec;
import java.time.Duration;
import java.util.List;

/**
 * A validated BackendHealthPolicy {@code spec.http}: each endpoint of the targeted Service ports gets
 * {@code GET path} every {@code interval}; an answer with one of {@code expectedStatuses} within {@code timeout} passes.
 *
 * @param unhealthyThreshold failed checks in a row that take a healthy endpoint out of traffic
 * @param healthyThreshold passed checks in a row that bring an unhealthy endpoint back
 */
public record BackendHealthSpec(String path, List<Integer> expectedStatuses, Duration interval, Duration timeout,
        int healthyThreshold, int unhealthyThreshold) implements PolicySpec {

    public BackendHealthSpec {
        requireNonNull(path, "path");
        expectedStatuses = List.copyOf(requireNonNull(expectedStatuses, "expectedStatuses"));
        requireNonNull(interval, "interval");
        requireNonNull(timeout, "timeout");
    }
}
