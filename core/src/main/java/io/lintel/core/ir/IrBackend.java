package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One weighted backend of a rule.
 *
 * @param name {@code <namespace>/<service>:<port>}
 * @param weight the relative weight (0 never receives traffic)
 * @param appProtocol the Service port's {@code appProtocol}; empty for plain HTTP/1.1
 * @param endpoints ready endpoints, from the Service's EndpointSlices; empty means 503
 * @param errorStatus non-zero when the reference is invalid (500): requests that pick it get this status
 * @param filters the backendRef's own filters
 * @param tls how to speak TLS to the backend (a BackendTLSPolicy, or an {@code appProtocol} that implies TLS);
 *     empty for clear text
 */
public record IrBackend(
        String name, int weight, String appProtocol, List<IrEndpoint> endpoints, int errorStatus, List<IrFilter> filters,
        Optional<IrBackendTls> tls) {

    public IrBackend {
        requireNonNull(name, "name");
        requireNonNull(appProtocol, "appProtocol");
        endpoints = List.copyOf(requireNonNull(endpoints, "endpoints"));
        filters = List.copyOf(requireNonNull(filters, "filters"));
        requireNonNull(tls, "tls");
        if (weight < 0) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
        }
    }

    /** A clear-text backend. */
    public IrBackend(
            String name, int weight, String appProtocol, List<IrEndpoint> endpoints, int errorStatus, List<IrFilter> filters) {
        this(name, weight, appProtocol, endpoints, errorStatus, filters, Optional.empty());
    }

    /** The same backend with other TLS settings. */
    public IrBackend withTls(Optional<IrBackendTls> newTls) {
        return new IrBackend(name, weight, appProtocol, endpoints, errorStatus, filters, newTls);
    }
}
