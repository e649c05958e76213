package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrTlsRoute;
import io.lintel.core.ir.IrSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do with a connection on a TLS socket (one with passthrough listeners), decided from the server name (SNI)
 * of its ClientHello: the most specific listener whose hostname matches (exact, then the longest wildcard, then the
 * catch-all) decides. A passthrough listener relays the connection to its most specific matching TLSRoute; a TLS
 * listener in Terminate mode does the same with the decrypted bytes; an HTTPS listener terminates TLS as an HTTPS
 * socket would. Without a server name, or with one no listener matches, the
 * connection is terminated when the socket has HTTPS listeners (they have a fallback certificate) and closed
 * otherwise. Immutable and thread-safe.
 */
public final class PassthroughRouter {

    /** The decision for one connection. */
    public sealed interface Decision permits Terminate, Reject, Relay {}

    /** Hand the connection to TLS termination (the HTTPS listeners' SNI handler). */
    public record Terminate() implements Decision {}

    /** Close the connection: no route takes it. */
    public record Reject(String why) implements Decision {
        public Reject {
            requireNonNull(why, "why");
        }
    }

    /**
     * Relay the connection to a backend of this route: TLS untouched, or, when {@code decrypt}, the bytes decrypted by
     * TLS termination with the certificate the SNI name selects (a TLS listener in Terminate mode).
     */
    public record Relay(CompiledTlsRoute route, boolean decrypt) implements Decision {
        public Relay {
            requireNonNull(route, "route");
        }

        /** Relays TLS untouched. */
        public Relay(CompiledTlsRoute route) {
            this(route, false);
        }
    }

    private static final Terminate TERMINATE = new Terminate();

    /** A listener's choice: null routes mean it terminates TLS for HTTP; {@code decrypt} that it terminates and relays. */
    private record ListenerChoice(String name, HostSelector<CompiledTlsRoute> routes, boolean decrypt) {}

    private final HostSelector<ListenerChoice> listeners;
    private final boolean terminates;

    private PassthroughRouter(HostSelector<ListenerChoice> listeners, boolean terminates) {
        this.listeners = listeners;
        this.terminates = terminates;
    }

    /** Compiles the listeners of a socket (most specific first, as the IR lists them). */
    public static PassthroughRouter compile(IrSocket socket) {
        HostSelector.Builder<ListenerChoice> listeners = HostSelector.builder();
        boolean terminates = false;
        for (IrListener listener : socket.listeners()) {
            if (listener.passthrough().isEmpty()) {
                terminates |= listener.tls().isPresent();
                listeners.add(listener.hostname(), new ListenerChoice(listener.name(), null, false));
                continue;
            }
            HostSelector.Builder<CompiledTlsRoute> routes = HostSelector.builder();
            for (IrTlsRoute route : listener.passthrough().get().routes()) {
                routes.add(route.hostname(), compile(route));
            }
            listeners.add(listener.hostname(), new ListenerChoice(listener.name(), routes.build(),
                    listener.tls().isPresent()));
        }
        return new PassthroughRouter(listeners.build(), terminates);
    }

    /** The runtime form of a route that relays connections (TLSRoute, TCPRoute). */
    static CompiledTlsRoute compile(IrTlsRoute route) {
        List<CompiledBackend> backends = new ArrayList<>(route.backends().size());
        for (IrBackend backend : route.backends()) {
            List<BackendEndpoint> endpoints = new ArrayList<>(backend.endpoints().size());
            for (IrEndpoint endpoint : backend.endpoints()) {
                endpoints.add(new BackendEndpoint(endpoint.address(), endpoint.port(), ""));
            }
            backends.add(new CompiledBackend(backend.name(), backend.weight(), backend.errorStatus(), endpoints,
                    List.of()));
        }
        return new CompiledTlsRoute(route.name(), new WeightedBackendPicker(backends));
    }

    /** @param serverName the SNI host name as sent (any case), or null when the ClientHello had none */
    public Decision route(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return terminates ? TERMINATE : new Reject("the ClientHello names no server (SNI)");
        }
        String host = HostNames.normalize(serverName);
        ListenerChoice listener = listeners.select(host);
        if (listener == null) {
            return terminates ? TERMINATE : new Reject("no listener takes server name " + host);
        }
        if (listener.routes() == null) {
            return TERMINATE;
        }
        CompiledTlsRoute route = listener.routes().select(host);
        return route == null
                ? new Reject("no TLSRoute of listener " + listener.name() + " takes server name " + host)
                : new Relay(route, listener.decrypt());
    }
}
