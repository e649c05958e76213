package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.SocketKey;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every {@link ProxyHandler} of one listening socket shares.
 *
 * @param table the current route table; read once per request, when its head arrives
 * @param socket the socket the requests arrive on (selects its listeners in the table)
 * @param scheme {@code http} or {@code https}, for {@code X-Forwarded-Proto} and filters
 * @param pools the backend connection pools
 */
public record ProxyContext(
        AtomicReference<CompiledRouteTable> table, SocketKey socket, String scheme, BackendConnectionPools pools) {

    public ProxyContext {
        requireNonNull(table, "table");
        requireNonNull(socket, "socket");
        requireNonNull(scheme, "scheme");
        requireNonNull(pools, "pools");
    }
}
