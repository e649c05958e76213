package io.lintel.core.observe;

/**
 * JSON written by hand for the access log and the OTLP exporter: a line is a few fields, so a JSON library (a tree or a
 * generator per line) would cost more than the text itself. Runs on the writer threads only.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /**
     * A JSON string, or {@code null}. Everything the client may have sent (path, method, authority) goes through here,
     * so control characters and surrogates are escaped: the line stays one line of valid UTF-8 whatever it holds.
     */
    static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || (c >= 0xD800 && c <= 0xDFFF)) {
                        // control characters, and surrogates: a lone one would make the line invalid UTF-8
                        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code nanos} as milliseconds with three decimals ({@code 3.456}), without floating point. */
    static void millis(StringBuilder out, long nanos) {
        long micros = nanos / 1_000;
        out.append(micros / 1_000).append('.');
        long fraction = micros % 1_000;
        if (fraction < 100) {
            out.append(fraction < 10 ? "00" : "0");
        }
        out.append(fraction);
    }

    /** A 64-bit id as 16 lowercase hex digits (W3C trace context, OTLP/JSON). */
    static void hex(StringBuilder out, long id) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.append(HEX[(int) (id >>> shift) & 0xF]);
        }
    }
}
