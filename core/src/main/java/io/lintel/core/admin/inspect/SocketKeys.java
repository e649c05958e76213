package io.lintel.core.admin.inspect;

import io.lintel.core.route.SocketKey;

/** Reads {@code ADDR:PORT} ({@code [IPv6]:PORT} for IPv6) as a socket of the route table. */
final class SocketKeys {

    private SocketKeys() {}

    /** @throws IllegalArgumentException when {@code value} is not {@code ADDR:PORT} with a port of 1-65535 */
    static SocketKey parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw invalid(value);
        }
        String address = value.substring(0, colon);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw invalid(value);
            }
            return new SocketKey(address, port);
        } catch (NumberFormatException e) {
            throw invalid(value);
        }
    }

    static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0");
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("GET /explain: listener=" + value
                + " (expected: ADDR:PORT of a socket Lintel listens on, e.g. 127.0.0.1:8080)");
    }
}
