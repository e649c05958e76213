package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.IrProtocol;

/** The listeners of one socket, selected by the request's host, and for HTTPS the certificates by SNI. */
public final class CompiledSocket {

    private final SocketKey key;
    private final IrProtocol protocol;
    private final HostSelector<CompiledListener> listeners;
    private final CompiledTls tls;

    /** A clear-text socket. */
    public CompiledSocket(SocketKey key, IrProtocol protocol, HostSelector<CompiledListener> listeners) {
        this(key, protocol, listeners, null);
    }

    /** @param tls the certificates of an HTTPS socket; null for clear text */
    public CompiledSocket(SocketKey key, IrProtocol protocol, HostSelector<CompiledListener> listeners, CompiledTls tls) {
        this.key = requireNonNull(key, "key");
        this.protocol = requireNonNull(protocol, "protocol");
        this.listeners = requireNonNull(listeners, "listeners");
        this.tls = tls;
    }

    /** The rule for a normalised host and request, or null. */
    public CompiledRule route(String host, RouteRequest request) {
        CompiledListener listener = listeners.select(host);
        return listener == null ? null : listener.route(host, request);
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
}
