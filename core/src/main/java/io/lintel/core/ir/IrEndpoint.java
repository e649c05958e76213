package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

/** A backend address: an IP address (from an EndpointSlice) and the port to connect to. */
public record IrEndpoint(String address, int port) {

    public IrEndpoint {
        requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
        }
    }
}
