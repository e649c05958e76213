package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.SocketKey;

/**
 * A socket the applied configuration wants that is not listening, with why its last bind failed.
 *
 * @param socket the address and port
 * @param cause the operating system's error as reported, e.g. {@code "bind(..) failed: Address already in use"}
 * @param datagram a UDP socket (a UDP listener's), apart from a TCP socket of the same address and port
 */
public record BindFailure(SocketKey socket, String cause, boolean datagram) {

    public BindFailure {
        requireNonNull(socket, "socket");
        requireNonNull(cause, "cause");
    }

    /** A TCP socket's failure. */
    public BindFailure(SocketKey socket, String cause) {
        this(socket, cause, false);
    }

    /**
     * Whether the address is not one of this host's (EADDRNOTAVAIL, "Cannot assign requested address" on Linux,
     * "Can't assign requested address" on BSDs and macOS), as opposed to a port another socket holds. Told from the
     * error's text because NIO's {@link java.net.BindException} and Netty's native transports both carry only that.
     */
    public boolean addressNotAvailable() {
        String text = cause.toLowerCase(java.util.Locale.ROOT);
        return text.contains("assign requested address");
    }

    /**
     * {@code 127.0.0.1:80: Address already in use} ({@code 127.0.0.1:53 (UDP): ...} for a UDP socket), the form of
     * log lines and {@code /ready}.
     */
    @Override
    public String toString() {
        return socket + (datagram ? " (UDP)" : "") + ": " + cause;
    }
}
