package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.IrProtocol;

/** The listeners of one socket, selected by the request's host. */
public final class CompiledSocket {

    private final SocketKey key;
    private final IrProtocol protocol;
    private final HostSelector<CompiledListener> listeners;

    public CompiledSocket(SocketKey key, IrProtocol protocol, HostSelector<CompiledListener> listeners) {
        this.key = requireNonNull(key, "key");
        this.protocol = requireNonNull(protocol, "protocol");
        this.listeners = requireNonNull(listeners, "listeners");
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
}
