package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One socket to bind: an address and port shared by every listener on it. Listener hostnames act as virtual hosts
 * of the socket.
 *
 * @param address the IP address to bind (a Gateway's {@code spec.addresses} value or the default bind address)
 * @param port the port
 * @param protocol how the socket speaks to clients; on {@link IrProtocol#HTTPS} every listener carries its
 *     {@link IrListener#tls() certificates}, chosen per connection by the SNI name; on {@link IrProtocol#TLS} the SNI
 *     name chooses between {@link IrListener#passthrough() passthrough} listeners and HTTPS ones
 * @param listeners most specific hostname first: exact names, then wildcards by length, then the catch-all
 *     (a listener without hostname)
 */
public record IrSocket(String address, int port, IrProtocol protocol, List<IrListener> listeners) {

    public IrSocket {
        requireNonNull(address, "address");
        requireNonNull(protocol, "protocol");
        listeners = List.copyOf(requireNonNull(listeners, "listeners"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
        }
    }
}
