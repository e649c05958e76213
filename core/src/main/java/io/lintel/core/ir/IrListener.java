package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One Gateway listener on a socket.
 *
 * @param name {@code gateway/<ns>/<gateway>/listener/<listener>}
 * @param hostname the listener's hostname (exact, or {@code *.suffix}); {@code "*"} when it has none
 * @param virtualHosts the routes' hostnames within this listener, most specific first; requests go to the most
 *     specific virtual host whose hostname matches their Host
 * @param tls the certificates to present, on an {@link IrProtocol#HTTPS} socket; empty on a clear-text one
 */
public record IrListener(String name, String hostname, List<IrVirtualHost> virtualHosts, Optional<IrTls> tls) {

    public IrListener {
        requireNonNull(name, "name");
        requireNonNull(hostname, "hostname");
        virtualHosts = List.copyOf(requireNonNull(virtualHosts, "virtualHosts"));
        requireNonNull(tls, "tls");
    }

    /** A clear-text listener (no TLS). */
    public IrListener(String name, String hostname, List<IrVirtualHost> virtualHosts) {
        this(name, hostname, virtualHosts, Optional.empty());
    }
}
