package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.IrProtocol;

/**
 * The listeners of one socket, selected by the request's host, for HTTPS the certificates by SNI, for TLS the
 * passthrough routing by SNI, and for TCP the route of every connection.
 */
public final class CompiledSocket {

    private final SocketKey key;
    private final IrProtocol protocol;
    private final HostSelector<CompiledListener> listeners;
    private final CompiledTls tls;
    private final PassthroughRouter passthrough;
    private final CompiledRule misdirected;
    private final CompiledTlsRoute tcpRoute;

    /** A clear-text socket. */
    public CompiledSocket(SocketKey key, IrProtocol protocol, HostSelector<CompiledListener> listeners) {
        this(key, protocol, listeners, null);
    }

    /** @param tls the certificates of an HTTPS socket; null for clear text */
    public CompiledSocket(SocketKey key, IrProtocol protocol, HostSelector<CompiledListener> listeners, CompiledTls tls) {
        this(key, protocol, listeners, tls, null);
    }

    /**
     * @param tls the certificates of the socket's HTTPS listeners; null for clear text
     * @param passthrough the SNI routing of a {@link IrProtocol#TLS} socket; null for other protocols
     */
    public CompiledSocket(SocketKey key, IrProtocol protocol, HostSelector<CompiledListener> listeners, CompiledTls tls,
            PassthroughRouter passthrough) {
        this(key, protocol, listeners, tls, passthrough, null, null);
    }

    /**
     * @param tls the certificates of the socket's HTTPS listeners; null for clear text
     * @param passthrough the SNI routing of a {@link IrProtocol#TLS} socket; null for other protocols
     * @param misdirected the answer to a request whose host selects another listener than the connection's TLS server
     *     name did; null when the socket need not check (clear text, or a single HTTPS listener)
     * @param tcpRoute where every connection of a {@link IrProtocol#TCP} socket goes; null for other protocols, or when
     *     no TCPRoute is attached (connections are closed)
     */
    public CompiledSocket(SocketKey key, IrProtocol protocol, HostSelector<CompiledListener> listeners, CompiledTls tls,
            PassthroughRouter passthrough, CompiledRule misdirected, CompiledTlsRoute tcpRoute) {
        this.misdirected = misdirected;
        this.key = requireNonNull(key, "key");
        this.protocol = requireNonNull(protocol, "protocol");
        this.listeners = requireNonNull(listeners, "listeners");
        this.tls = tls;
        this.passthrough = passthrough;
        this.tcpRoute = tcpRoute;
    }

    /** The rule for a normalised host and request, or null. */
    public CompiledRule route(String host, RouteRequest request) {
        CompiledListener listener = listeners.select(host);
        return listener == null ? null : listener.route(host, request);
    }

    /**
     * As {@link #route(String, RouteRequest)} for a request on a TLS connection whose handshake chose its certificate
     * by {@code serverName} (normalised; {@code ""} when the client sent none): when the server name selects a
     * listener and the host another one (or none), the request is misdirected (connection reuse across hostnames,
     * e.g. HTTP/2 coalescing) and gets the socket's 421 rule, so that a listener's TLS settings cannot be bypassed.
     */
    public CompiledRule route(String host, RouteRequest request, String serverName) {
        CompiledListener listener = listeners.select(host);
        if (misdirected != null && !serverName.isEmpty() && !serverName.equals(host)) {
            CompiledListener chosen = listeners.select(serverName);
            if (chosen != null && chosen != listener) {
                return misdirected;
            }
        }
        return listener == null ? null : listener.route(host, request);
    }

    /** Whether requests are checked against the connection's TLS server name (421), for {@link RouteExplainer}. */
    boolean checksMisdirected() {
        return misdirected != null;
    }

    /** The socket's listeners by hostname, for {@link RouteExplainer}. */
    HostSelector<CompiledListener> listeners() {
        return listeners;
    }

    public SocketKey key() {
        return key;
    }

    public IrProtocol protocol() {
        return protocol;
    }

    /** The certificates of an HTTPS socket, or null for a clear-text one. */
    public CompiledTls tls() {
        return tls;
    }

    /** How a TLS socket routes connections by SNI, or null when the socket is not {@link IrProtocol#TLS}. */
    public PassthroughRouter passthrough() {
        return passthrough;
    }

    /** The route every connection of a TCP socket is relayed by; null when there is none (or not a TCP socket). */
    public CompiledTlsRoute tcpRoute() {
        return tcpRoute;
    }
}
