package io.lintel.core.observe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How an access-log line is written: {@link #TEXT}, {@code key=value} fields ({@code -} for an absent value), or
 * {@link #JSON}, one object per line with the same keys (numbers as numbers, absent values as {@code null},
 * {@code flags} as an array) for log shippers. The keys are documented in docs/observability.md. Runs on the writer's
 * thread only.
 */
enum AccessLogFormat {

    TEXT {
        @Override
        String format(AccessLogRecord r) {
            StringBuilder line = new StringBuilder(256);
            line.append("start_time=").append(startTime(r))
                    .append(" duration_ms=");
            JsonText.millis(line, r.durationNanos());
            line.append(" client=").append(dash(r.client()))
                    .append(" protocol=").append(r.protocol())
                    .append(" method=").append(r.method())
                    .append(" authority=").append(dash(r.authority()))
                    .append(" path=").append(r.path())
                    .append(" status=").append(r.status())
                    .append(" bytes_in=").append(r.bytesIn())
                    .append(" bytes_out=").append(r.bytesOut())
                    .append(" route=").append(dash(route(r.rule())))
                    .append(" rule=").append(ruleIndex(r.rule()))
                    .append(" rule_name=").append(r.ruleName().isEmpty() ? "-" : r.ruleName())
                    .append(" backend=").append(dash(r.backend()))
                    .append(" endpoint=").append(dash(endpoint(r)))
                    .append(" upstream_ms=");
            if (r.upstreamNanos() < 0) {
                line.append('-');
            } else {
                JsonText.millis(line, r.upstreamNanos());
            }
            line.append(" attempts=").append(r.attempts())
                    .append(" trace_id=").append(dash(r.traceId()))
                    .append(" flags=");
            if (r.flags() == 0) {
                line.append('-');
            } else {
                ResponseFlag.append(line, r.flags(), ",", false);
            }
            return line.toString();
        }
    },

    JSON {
        @Override
        String format(AccessLogRecord r) {
            StringBuilder line = new StringBuilder(384);
            line.append("{\"start_time\":\"").append(startTime(r))
                    .append("\",\"duration_ms\":");
            JsonText.millis(line, r.durationNanos());
            line.append(",\"client\":");
            JsonText.string(line, r.client());
            line.append(",\"protocol\":");
            JsonText.string(line, r.protocol());
            line.append(",\"method\":");
            JsonText.string(line, r.method());
            line.append(",\"authority\":");
            JsonText.string(line, r.authority());
            line.append(",\"path\":");
            JsonText.string(line, r.path());
            line.append(",\"status\":").append(r.status())
                    .append(",\"bytes_in\":").append(r.bytesIn())
                    .append(",\"bytes_out\":").append(r.bytesOut())
                    .append(",\"route\":");
            JsonText.string(line, route(r.rule()));
            line.append(",\"rule\":");
            JsonText.string(line, ruleIndex(r.rule()));
            line.append(",\"rule_name\":");
            JsonText.string(line, r.ruleName().isEmpty() ? null : r.ruleName());
            line.append(",\"backend\":");
            JsonText.string(line, r.backend());
            line.append(",\"endpoint\":");
            JsonText.string(line, endpoint(r));
            line.append(",\"upstream_ms\":");
            if (r.upstreamNanos() < 0) {
                line.append("null");
            } else {
                JsonText.millis(line, r.upstreamNanos());
            }
            line.append(",\"attempts\":").append(r.attempts())
                    .append(",\"trace_id\":");
            JsonText.string(line, r.traceId());
            line.append(",\"flags\":[");
            ResponseFlag.append(line, r.flags(), ",", true);
            return line.append("]}").toString();
        }
    };

    private static final String RULE_SEGMENT = "/rule/";
    private static final DateTimeFormatter START_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    abstract String format(AccessLogRecord record);

    /** {@code off}, {@code text} or {@code json}, any case; null for {@code off}. */
    static AccessLogFormat parse(String name) {
        String word = name.trim().toUpperCase(Locale.ROOT);
        if (word.equals("OFF")) {
            return null;
        }
        try {
            return valueOf(word);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("access log format '" + name + "' (expected: off, text or json)", e);
        }
    }

    private static String startTime(AccessLogRecord r) {
        return START_TIME.format(Instant.ofEpochSecond(0, r.startEpochNanos()));
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
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
}
