package io.lintel.core.inject;

import java.net.InetSocketAddress;

/**
 * Parses {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code :PORT} (loopback), as the command line's {@code --admin}
 * and the settings file's {@code admin.address} both take it.
 */
public final class HostPort {

    private HostPort() {}

    /** @throws IllegalArgumentException saying what was wrong and what was expected */
    public static InetSocketAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + value + "' (expected: HOST:PORT, e.g. 127.0.0.1:9901)");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "': port is not a number (expected: HOST:PORT)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + value + "': port " + port + " (expected: 0-65535)");
        }
        return new InetSocketAddress(host, port);
    }
}
