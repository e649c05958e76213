package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A TLSRoute's backends for one hostname of a listener that relays connections, or a TCPRoute's backends. Immutable
 * and thread-safe.
 */
public final class CompiledTlsRoute {

    private final String name;
    private final WeightedBackendPicker backends;

    public CompiledTlsRoute(String name, WeightedBackendPicker backends) {
        this.name = requireNonNull(name, "name");
        this.backends = requireNonNull(backends, "backends");
    }

    /** {@code tlsroute/<ns>/<name>} or {@code tcproute/<ns>/<name>}. */
    public String name() {
        return name;
    }

    /** The backends a connection may pick (those of positive weight). */
    public List<CompiledBackend> backends() {
        return backends.backends();
    }

    /**
     * The endpoint a new connection is relayed to: a backend by weight, then one of its endpoints at random; null when
     * the picked backend is invalid or has no ready endpoint, or there is no backend (the connection is closed).
     */
    public BackendEndpoint pickEndpoint() {
        CompiledBackend backend = backends.pick();
        if (backend == null || backend.errorStatus() != 0) {
            return null;
        }
        return backend.pickEndpoint();
    }
}
