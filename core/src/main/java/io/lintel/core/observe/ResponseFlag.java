package io.lintel.core.observe;

/**
 * Why an exchange went the way it did, beyond its status: the access log's {@code flags} and the exchange span's
 * {@code lintel.response_flags}. A fixed list (a bit each), so a line never carries more than these words.
 */
public enum ResponseFlag {

    /** The request timeout (the rule's {@code timeouts.request}, or the default one) expired: 504. */
    TIMEOUT("timeout"),
    /** An attempt's backend request timeout ({@code timeouts.backendRequest}) expired. */
    BACKEND_TIMEOUT("backend_timeout"),
    /** More than one backend attempt (a retry filter tried again). */
    RETRIED("retried"),
    /** A connection to the chosen endpoint could not be opened. */
    CONNECT_FAILED("connect_failed"),
    /** The backend had no endpoint to send to (none ready, or all ejected): 503. */
    NO_ENDPOINT("no_endpoint"),
    /** The backend closed or broke its connection before its response was complete. */
    BACKEND_RESET("backend_reset"),
    /** The client went away (or reset its stream) before its response was complete. */
    CLIENT_RESET("client_reset"),
    /** The response was made by Lintel (an error, a redirect, a filter's answer), not relayed from a backend. */
    LOCAL("local");

    private final String label;
    private final int bit;

    ResponseFlag(String label) {
        this.label = label;
        this.bit = 1 << ordinal();
    }

    public String label() {
        return label;
    }

    public int bit() {
        return bit;
    }

    private static final ResponseFlag[] ALL = values();

    /** Appends the labels of the flags set in {@code bits}, separated by {@code separator}; nothing when none. */
    static void append(StringBuilder out, int bits, String separator, boolean quoted) {
        boolean first = true;
        for (ResponseFlag flag : ALL) {
            if ((bits & flag.bit) != 0) {
                if (!first) {
                    out.append(separator);
                }
                first = false;
                if (quoted) {
                    out.append('"').append(flag.label).append('"');
                } else {
                    out.append(flag.label);
                }
            }
        }
    }
}
