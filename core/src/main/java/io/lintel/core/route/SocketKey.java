package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

/** The identity of a listening socket: the bind address (as written in the IR) and port. */
public record SocketKey(String address, int port) {

    public SocketKey {
        requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
