package io.lintel.core.route;

import java.util.Locale;

/** Normalises the host a client asked for (Host header or {@code :authority}) for virtual host selection. */
public final class HostNames {

    private HostNames() {}

    /**
     * Strips the port, brackets of an IPv6 literal and a trailing dot, and lower-cases. Returns {@code ""} for a
     * missing host. Allocates only when something has to change.
     */
    public static String normalize(CharSequence authority) {
        if (authority == null) {
            return "";
        }
        String host = authority.toString();
        int end = host.length();
        if (end > 0 && host.charAt(0) == '[') {
            int close = host.indexOf(']');
            host = close > 0 ? host.substring(1, close) : host.substring(1);
            return host.toLowerCase(Locale.ROOT);
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && host.indexOf(':') == colon) {
            end = colon;
        }
        if (end > 0 && host.charAt(end - 1) == '.') {
            end--;
        }
        if (end != host.length()) {
            host = host.substring(0, end);
        }
        // String.toLowerCase returns the same instance when nothing changes.
        return host.toLowerCase(Locale.ROOT);
    }
}
