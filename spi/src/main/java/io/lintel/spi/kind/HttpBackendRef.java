package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A rule's {@code backendRefs[]} entry of an {@link HttpRoute}: the backend and the filters that run only for the
 * requests sent to it.
 *
 * @param ref the backend, with the CRD's defaults applied
 * @param filters its {@code filters}, in order, as parsed (see {@link HttpRouteRule})
 */
public record HttpBackendRef(BackendRef ref, List<Map<String, Object>> filters) {

    public HttpBackendRef {
        requireNonNull(ref, "ref");
        filters = List.copyOf(requireNonNull(filters, "filters"));
    }
}
