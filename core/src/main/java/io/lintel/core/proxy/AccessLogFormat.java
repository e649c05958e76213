package io.lintel.core.proxy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;

/**
 * How an access-log line is written: {@link #TEXT}, {@code key=value} fields as the access log always wrote them, or
 * {@link #JSON}, one object per line with the same keys (numbers as numbers, absent values as {@code null}) for log
 * shippers that would otherwise have to parse the text. Runs on the writer's thread only.
 */
enum AccessLogFormat {

    TEXT {
        @Override
        String format(AccessLogRecord r) {
            StringBuilder line = new StringBuilder(192);
            line.append("client=").append(clientAddress(r.client()))
                    .append(" method=").append(r.method())
                    .append(" path=").append(r.path())
                    .append(" status=").append(r.status())
                    .append(" bytes=").append(r.bytes())
                    .append(" duration_ms=");
            appendMillis(line, r.durationNanos());
            String route = route(r.rule());
            line.append(" route=").append(route == null ? "-" : route)
                    .append(" rule=").append(ruleIndex(r.rule()))
                    .append(" rule_name=").append(r.ruleName().isEmpty() ? "-" : r.ruleName())
                    .append(" backend=").append(r.backend() == null ? "-" : r.backend())
                    .append(" endpoint=");
            String endpoint = endpoint(r);
            line.append(endpoint == null ? "-" : endpoint);
            return line.toString();
        }
    },

    JSON {
        @Override
        String format(AccessLogRecord r) {
            StringBuilder line = new StringBuilder(256);
            line.append("{\"client\":");
            string(line, clientAddress(r.client()));
            line.append(",\"method\":");
            string(line, r.method());
            line.append(",\"path\":");
            string(line, r.path());
            line.append(",\"status\":").append(r.status())
                    .append(",\"bytes\":").append(r.bytes())
                    .append(",\"duration_ms\":");
            appendMillis(line, r.durationNanos());
            line.append(",\"route\":");
            string(line, route(r.rule()));
            line.append(",\"rule\":");
            string(line, ruleIndex(r.rule()));
            line.append(",\"rule_name\":");
            string(line, r.ruleName().isEmpty() ? null : r.ruleName());
            line.append(",\"backend\":");
            string(line, r.backend());
            line.append(",\"endpoint\":");
            string(line, endpoint(r));
            return line.append('}').toString();
        }
    };

    private static final String RULE_SEGMENT = "/rule/";

    abstract String format(AccessLogRecord record);

    /** {@code text} or {@code json}, any case. */
    static AccessLogFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("access log format '" + name + "' (expected: text or json)", e);
        }
    }

    private static String clientAddress(SocketAddress client) {
        return client instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(client);
    }

    private static String route(String rule) {
        int index = rule.lastIndexOf(RULE_SEGMENT);
        return index > 0 ? rule.substring(0, index) : null;
    }

    private static String ruleIndex(String rule) {
        int index = rule.lastIndexOf(RULE_SEGMENT);
        return index > 0 ? rule.substring(index + RULE_SEGMENT.length()) : rule;
    }

    private static String endpoint(AccessLogRecord r) {
        String address = r.endpointAddress();
        if (address == null) {
            return null;
        }
        // an IPv6 address needs brackets, or its colons run into the port's
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + r.endpointPort();
    }

    private static void appendMillis(StringBuilder line, long durationNanos) {
        long micros = durationNanos / 1_000;
        line.append(micros / 1_000).append('.');
        long fraction = micros % 1_000;
        if (fraction < 100) {
            line.append(fraction < 10 ? "00" : "0");
        }
        line.append(fraction);
    }

    /** A JSON string (or {@code null}); the path and method are the client's bytes, so everything is escaped. */
    private static void string(StringBuilder line, String value) {
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || (c >= 0xD800 && c <= 0xDFFF)) {
                        // control characters, and lone surrogates that would make the line invalid UTF-8
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
