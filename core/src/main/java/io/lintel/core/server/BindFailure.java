package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.SocketKey;

/**
 * A socket the applied configuration wants that is not listening, with why its last bind failed.
 *
 * @param socket the address and port
 * @param cause the operating system's error as reported, e.g. {@code "bind(..) failed: Address already in use"}
 */
public record BindFailure(SocketKey socket, String cause) {

    public BindFailure {
        requireNonNull(socket, "socket");
        requireNonNull(cause, "cause");
    }

    /** {@code 127.0.0.1:80: Address already in use}, the form of log lines and {@code /ready}. */
    @Override
    public String toString() {
        return socket + ": " + cause;
    }
}
