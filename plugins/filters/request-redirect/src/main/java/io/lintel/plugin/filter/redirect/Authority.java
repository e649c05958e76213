package io.lintel.plugin.filter.redirect;

/** Splits an HTTP authority ({@code host}, {@code host:port}, {@code [v6]:port}) without allocating for the port. */
final class Authority {

    private Authority() {}

    /** The host part, brackets kept for an IPv6 literal. */
    static String host(String authority) {
        int end = hostEnd(authority);
        return end == authority.length() ? authority : authority.substring(0, end);
    }

    /** The port, or {@code defaultPort} when the authority has none or an unusable one. */
    static int port(String authority, int defaultPort) {
        int colon = hostEnd(authority);
        if (colon >= authority.length() - 1 || authority.charAt(colon) != ':' || authority.length() - colon > 6) {
            return defaultPort;
        }
        int port = 0;
        for (int i = colon + 1; i < authority.length(); i++) {
            char c = authority.charAt(i);
            if (c < '0' || c > '9') {
                return defaultPort;
            }
            port = port * 10 + (c - '0');
        }
        return port >= 1 && port <= 65535 ? port : defaultPort;
    }

    private static int hostEnd(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority.length() : close + 1;
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority.length() : colon;
    }
}
