package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

/**
 * A backend reference inside a filter's configuration (e.g. {@code requestMirror.backendRef}) as core resolved it,
 * with the same rules as a rule's {@code backendRefs} (Service and port, ReferenceGrant, EndpointSlices). A factory
 * asks for it with {@link HttpFilterFactory#backendRefFields()}, keeps it in its spec, and its filter hands it to
 * {@link HttpNext#mirror} at runtime; core finds the backend's current endpoints by {@link #name()}.
 *
 * @param fieldPath where the reference is, e.g. {@code spec.rules[0].filters[1].requestMirror.backendRef}
 * @param name {@code <namespace>/<service>:<port>}: the backend's identity within the route
 * @param resolved false when the reference is invalid (unknown kind, no such Service or port, not permitted by a
 *     ReferenceGrant): core has set the route's {@code ResolvedRefs} condition to False saying why, and the filter
 *     must not use it (the Gateway API drops such a backend)
 */
public record FilterBackend(String fieldPath, String name, boolean resolved) {

    public FilterBackend {
        requireNonNull(fieldPath, "fieldPath");
        requireNonNull(name, "name");
    }
}
