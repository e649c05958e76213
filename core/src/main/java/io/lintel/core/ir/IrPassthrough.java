package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a listener relays connections: by the server name (SNI) of the ClientHello, to a backend of the most specific
 * route whose hostname matches it (TLS, terminated or not, see {@link IrListener#passthrough()}). A connection without
 * server name, or whose name no route matches, is closed. On a TCP socket: to a backend of the first route.
 *
 * @param routes most specific hostname first (exact, then wildcards by length, then {@code "*"}); for equal
 *     hostnames the oldest route first, which wins
 */
public record IrPassthrough(List<IrTlsRoute> routes) {

    public IrPassthrough {
        routes = List.copyOf(requireNonNull(routes, "routes"));
    }
}
