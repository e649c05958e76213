package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One {@code spec.rules[]} entry of a stream route: its backends. Stream routes have no matches, so core spreads a
 * route's connections (UDP flows) over the backends of all its rules together, by weight.
 *
 * @param name the rule's {@code name} (GEP-995), if any
 * @param backendRefs the rule's backends, in order
 */
public record StreamRouteRule(Optional<String> name, List<BackendRef> backendRefs) {

    public StreamRouteRule {
        requireNonNull(name, "name");
        backendRefs = List.copyOf(requireNonNull(backendRefs, "backendRefs"));
    }
}
