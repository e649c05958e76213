package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A TLSRoute's (or TCPRoute's) backends for one of its effective hostnames on a listener that relays connections.
 *
 * @param name {@code tlsroute/<ns>/<name>}, {@code tcproute/<ns>/<name>} or {@code udproute/<ns>/<name>}
 * @param hostname exact, {@code *.suffix} (one or more labels) or {@code "*"} (any server name)
 * @param backends the weighted backends; a connection picks one in proportion to the weights and is closed when the
 *     pick is invalid ({@link IrBackend#errorStatus()} non-zero) or has no endpoint
 */
public record IrTlsRoute(String name, String hostname, List<IrBackend> backends) {

    public IrTlsRoute {
        requireNonNull(name, "name");
        requireNonNull(hostname, "hostname");
        backends = List.copyOf(requireNonNull(backends, "backends"));
    }
}
