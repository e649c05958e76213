package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One Gateway listener on a socket.
 *
 * @param name {@code gateway/<ns>/<gateway>/listener/<listener>}, or {@code listenerset/<ns>/<set>/listener/<listener>}
 *     for a listener a ListenerSet adds to its Gateway
 * @param hostname the listener's hostname (exact, or {@code *.suffix}); {@code "*"} when it has none
 * @param virtualHosts the routes' hostnames within this listener, most specific first; requests go to the most
 *     specific virtual host whose hostname matches their Host
 * @param tls the certificates to present, on an {@link IrProtocol#HTTPS} socket (or for an HTTPS listener of an
 *     {@link IrProtocol#TLS} socket); empty on a clear-text one
 * @param passthrough present when the listener relays whole connections instead of serving HTTP; such a listener has
 *     no virtual hosts. Without {@code tls}: TLS relayed untouched (protocol TLS, mode Passthrough, on an
 *     {@link IrProtocol#TLS} socket) or raw TCP (protocol TCP, on an {@link IrProtocol#TCP} socket, whose routes are
 *     TCPRoutes with hostname {@code "*"}, oldest first), or UDP datagrams (protocol UDP, on an {@link IrProtocol#UDP}
 *     socket, UDPRoutes with hostname {@code "*"}, oldest first). With {@code tls}: TLS terminated with those certificates and
 *     the decrypted bytes relayed (protocol TLS, mode Terminate, on an {@link IrProtocol#TLS} socket)
 */
public record IrListener(String name, String hostname, List<IrVirtualHost> virtualHosts, Optional<IrTls> tls,
        Optional<IrPassthrough> passthrough) {

    public IrListener {
        requireNonNull(name, "name");
        requireNonNull(hostname, "hostname");
        virtualHosts = List.copyOf(requireNonNull(virtualHosts, "virtualHosts"));
        requireNonNull(tls, "tls");
        requireNonNull(passthrough, "passthrough");
    }

    /** A listener that serves HTTP, terminating TLS when {@code tls} is present. */
    public IrListener(String name, String hostname, List<IrVirtualHost> virtualHosts, Optional<IrTls> tls) {
        this(name, hostname, virtualHosts, tls, Optional.empty());
    }

    /** A TLS passthrough listener. */
    public static IrListener passthrough(String name, String hostname, IrPassthrough passthrough) {
        return new IrListener(name, hostname, List.of(), Optional.empty(), Optional.of(passthrough));
    }

    /** A clear-text listener (no TLS). */
    public IrListener(String name, String hostname, List<IrVirtualHost> virtualHosts) {
        this(name, hostname, virtualHosts, Optional.empty());
    }
}
