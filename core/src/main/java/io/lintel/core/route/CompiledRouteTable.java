package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ProxyMetrics;
import java.util.Map;

/**
 * The runtime routing table compiled from an IR: socket, then listener by host, then virtual host by host, then the
 * first matching route match. Immutable and thread-safe; the data plane swaps whole tables.
 */
public final class CompiledRouteTable {

    private final Map<SocketKey, CompiledSocket> sockets;
    private final CompiledRule notFound;
    private final Map<SocketKey, CompiledTlsRoute> datagramRoutes;

    public CompiledRouteTable(Map<SocketKey, CompiledSocket> sockets, CompiledRule notFound) {
        this(sockets, notFound, Map.of());
    }

    /**
     * @param datagramRoutes the route of each UDP socket that has one (the oldest UDPRoute attached to its listener);
     *     UDP sockets are keyed apart from {@code sockets}, as a UDP port may share its number with a TCP one
     */
    public CompiledRouteTable(Map<SocketKey, CompiledSocket> sockets, CompiledRule notFound,
            Map<SocketKey, CompiledTlsRoute> datagramRoutes) {
        this.sockets = Map.copyOf(requireNonNull(sockets, "sockets"));
        this.notFound = requireNonNull(notFound, "notFound");
        this.datagramRoutes = Map.copyOf(requireNonNull(datagramRoutes, "datagramRoutes"));
    }

    /** The route new flows of the UDP socket {@code socket} are relayed by, or null when it has none. */
    public CompiledTlsRoute datagramRoute(SocketKey socket) {
        return datagramRoutes.get(socket);
    }

    /** The route of each UDP socket that has one. */
    public Map<SocketKey, CompiledTlsRoute> datagramRoutes() {
        return datagramRoutes;
    }

    /** A table without sockets: every request is answered 404. */
    public static CompiledRouteTable empty(ProxyMetrics metrics) {
        return new CompiledRouteTable(Map.of(), CompiledRule.direct("none", 404, metrics.forRule("none")));
    }

    /**
     * The rule for a request that arrived on {@code socket} for {@code authority} (Host or {@code :authority}, with
     * or without port, any case). Never null: a request nothing matches gets {@link #notFound()}.
     */
    public CompiledRule route(SocketKey socket, CharSequence authority, RouteRequest request) {
        return routeHost(socket, HostNames.normalize(authority), request);
    }

    /** As {@link #route}, for a host already normalised by {@link HostNames#normalize}. */
    public CompiledRule routeHost(SocketKey socket, String host, RouteRequest request) {
        CompiledSocket compiled = sockets.get(socket);
        if (compiled == null) {
            return notFound;
        }
        CompiledRule rule = compiled.route(host, request);
        return rule == null ? notFound : rule;
    }

    /**
     * As {@link #routeHost(SocketKey, String, RouteRequest)} for a request on a TLS connection whose certificate was
     * chosen by {@code serverName} (see {@link CompiledSocket#route(String, RouteRequest, String)}).
     */
    public CompiledRule routeHost(SocketKey socket, String host, RouteRequest request, String serverName) {
        CompiledSocket compiled = sockets.get(socket);
        if (compiled == null) {
            return notFound;
        }
        CompiledRule rule = compiled.route(host, request, serverName);
        return rule == null ? notFound : rule;
    }

    /** The rule answering 404, recorded as rule {@code "none"}. */
    public CompiledRule notFound() {
        return notFound;
    }

    public Map<SocketKey, CompiledSocket> sockets() {
        return sockets;
    }
}
