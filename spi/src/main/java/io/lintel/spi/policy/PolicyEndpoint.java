package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

/**
 * One endpoint of a targeted Service port, from its EndpointSlices (ready endpoints only).
 *
 * @param address the IP address
 * @param port the endpoint's port (the Service port's target)
 */
public record PolicyEndpoint(String address, int port) {

    public PolicyEndpoint {
        requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected 1-65535)");
        }
    }

    /** {@code address:port}, with brackets around an IPv6 address. */
    @Override
    public String toString() {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
