package io.lintel.core.observe;

/**
 * A W3C Trace Context {@code traceparent} header (https://www.w3.org/TR/trace-context/#traceparent-header), parsed
 * without allocating anything but the result: {@code 00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>}.
 *
 * @param traceIdHigh the trace id's first 64 bits
 * @param traceIdLow the trace id's last 64 bits
 * @param parentId the caller's span id
 * @param sampled the caller's sampled flag
 */
record TraceParent(long traceIdHigh, long traceIdLow, long parentId, boolean sampled) {

    static final String HEADER = "traceparent";
    static final String STATE_HEADER = "tracestate";
    private static final int LENGTH = 55;

    /**
     * The header's value, or null when it is absent or invalid (then the trace starts here, as the specification
     * says). Versions other than {@code 00} are read as {@code 00} when they are longer only after the flags, as the
     * specification asks; version {@code ff} is invalid.
     */
    static TraceParent parse(CharSequence header) {
        if (header == null || header.length() < LENGTH) {
            return null;
        }
        int version = hexByte(header, 0);
        if (version < 0 || version == 0xff || (version == 0 && header.length() != LENGTH)
                || (header.length() > LENGTH && header.charAt(LENGTH) != '-')
                || header.charAt(2) != '-' || header.charAt(35) != '-' || header.charAt(52) != '-') {
            return null;
        }
        long high = hex64(header, 3);
        long low = hex64(header, 19);
        long parent = hex64(header, 36);
        int flags = hexByte(header, 53);
        if (high == -1 && !allF(header, 3, 16) || low == -1 && !allF(header, 19, 16)
                || parent == -1 && !allF(header, 36, 16) || flags < 0) {
            return null;
        }
        if ((high | low) == 0 || parent == 0) {
            return null;
        }
        return new TraceParent(high, low, parent, (flags & 1) != 0);
    }

    /** The header for a request whose caller is span {@code spanId} of trace {@code high}/{@code low}. */
    static String format(long high, long low, long spanId, boolean sampled) {
        StringBuilder out = new StringBuilder(LENGTH).append("00-");
        JsonText.hex(out, high);
        JsonText.hex(out, low);
        out.append('-');
        JsonText.hex(out, spanId);
        return out.append(sampled ? "-01" : "-00").toString();
    }

    /** The trace id as 32 hex digits. */
    static String traceIdHex(long high, long low) {
        StringBuilder out = new StringBuilder(32);
        JsonText.hex(out, high);
        JsonText.hex(out, low);
        return out.toString();
    }

    /** 16 lowercase hex digits at {@code from}, or -1 for any other character (check {@link #allF} for a real -1). */
    private static long hex64(CharSequence text, int from) {
        long value = 0;
        for (int i = from; i < from + 16; i++) {
            int digit = digit(text.charAt(i));
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    private static boolean allF(CharSequence text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (text.charAt(i) != 'f') {
                return false;
            }
        }
        return true;
    }

    private static int hexByte(CharSequence text, int from) {
        int high = digit(text.charAt(from));
        int low = digit(text.charAt(from + 1));
        return high < 0 || low < 0 ? -1 : (high << 4) | low;
    }

    /** Lowercase hex only: the specification does not allow uppercase. */
    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
