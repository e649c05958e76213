package io.lintel.spi.gateway;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A reference to an object holding trust anchors ({@code ObjectReference} of {@code caCertificateRefs}). Core resolves
 * a core {@code ConfigMap} or {@code Secret} (key {@code ca.crt}); another namespace needs a ReferenceGrant.
 *
 * @param group the object's API group, empty for the core group
 * @param kind the object's kind, e.g. {@code ConfigMap}
 * @param namespace the object's namespace; empty means the Gateway's
 * @param name the object's name
 */
public record TrustAnchorRef(String group, String kind, Optional<String> namespace, String name) {

    public TrustAnchorRef {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
    }
}
