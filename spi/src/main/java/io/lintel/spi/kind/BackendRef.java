package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A route rule's {@code backendRefs[]} entry (a Gateway API {@code BackendRef}: a {@code BackendObjectReference} with
 * a weight) with the CRD's defaults applied. Core resolves it (kind, ReferenceGrant, Service port, EndpointSlices) and
 * reports an invalid one on the route ({@code ResolvedRefs=False}); connections that pick an invalid backend are
 * closed, so its valid siblings keep their share.
 *
 * @param group the backend's group (empty, the core group, when left out)
 * @param kind the backend's kind ({@code Service} when left out)
 * @param namespace the backend's namespace; empty means the route's own
 * @param name the backend's name
 * @param port the Service port, if given (the CRD requires it for Services)
 * @param weight the share of connections (flows for UDP) among the route's backends, 0 to 1 000 000 (1 when left out)
 */
public record BackendRef(String group, String kind, Optional<String> namespace, String name, Optional<Integer> port,
        int weight) {

    public BackendRef {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
        requireNonNull(port, "port");
        if (weight < 0) {
            throw new IllegalArgumentException("weight: " + weight + " (expected 0 or more)");
        }
    }

    /** A Service of the route's namespace, weight 1. */
    public static BackendRef service(String name, int port) {
        return new BackendRef("", "Service", Optional.empty(), name, Optional.of(port), 1);
    }
}
