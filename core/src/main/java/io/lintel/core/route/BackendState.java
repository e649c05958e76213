package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A backend of the served route table as the admin server shows it: its endpoints, each with whether passive health
 * ({@link EndpointHealth}) has ejected it now.
 *
 * @param name {@code <namespace>/<service>:<port>}
 * @param weight the backend's weight in the rule it was found in
 * @param errorStatus non-zero when the reference is invalid: requests that pick it get this status
 * @param endpoints the ready endpoints the config source published
 */
public record BackendState(String name, int weight, int errorStatus, List<Endpoint> endpoints) {

    /** One endpoint; {@code ejected} while passive health keeps requests away from it. */
    public record Endpoint(String address, int port, boolean ejected) {
        public Endpoint {
            requireNonNull(address, "address");
        }
    }

    public BackendState {
        requireNonNull(name, "name");
        endpoints = List.copyOf(requireNonNull(endpoints, "endpoints"));
    }

    static BackendState of(CompiledBackend backend) {
        List<Endpoint> endpoints = backend.endpoints().stream()
                .map(endpoint -> new Endpoint(endpoint.address(), endpoint.port(), backend.isEjected(endpoint)))
                .toList();
        return new BackendState(backend.name(), backend.weight(), backend.errorStatus(), endpoints);
    }

    /** Endpoints not ejected. */
    public int healthy() {
        return (int) endpoints.stream().filter(endpoint -> !endpoint.ejected()).count();
    }
}
