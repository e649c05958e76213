package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One weighted backend of a rule.
 *
 * @param name {@code <namespace>/<service>:<port>}
 * @param weight the relative weight (0 never receives traffic)
 * @param appProtocol the Service port's {@code appProtocol}; empty for plain HTTP/1.1
 * @param endpoints ready endpoints, from the Service's EndpointSlices; empty means 503
 * @param errorStatus non-zero when the reference is invalid (500): requests that pick it get this status
 * @param filters the backendRef's own filters
 */
public record IrBackend(
        String name, int weight, String appProtocol, List<IrEndpoint> endpoints, int errorStatus, List<IrFilter> filters) {

    public IrBackend {
        requireNonNull(name, "name");
        requireNonNull(appProtocol, "appProtocol");
        endpoints = List.copyOf(requireNonNull(endpoints, "endpoints"));
        filters = List.copyOf(requireNonNull(filters, "filters"));
        if (weight < 0) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
        }
    }
}
