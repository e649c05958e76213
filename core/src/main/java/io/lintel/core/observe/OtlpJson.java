package io.lintel.core.observe;

import java.util.List;

/**
 * A batch of spans as an OTLP/HTTP JSON {@code ExportTraceServiceRequest}
 * (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding): ids as lowercase hex, 64-bit integers as decimal
 * strings, enums as numbers. One resource (the process, {@code service.name}) and one scope ({@code io.lintel}).
 */
final class OtlpJson {

    private OtlpJson() {}

    static String encode(String serviceName, String version, List<SpanRecord> spans) {
        StringBuilder out = new StringBuilder(256 + spans.size() * 512);
        out.append("{\"resourceSpans\":[{\"resource\":{\"attributes\":[");
        attribute(out, "service.name", serviceName);
        out.append(',');
        attribute(out, "telemetry.sdk.name", "lintel");
        out.append("]},\"scopeSpans\":[{\"scope\":{\"name\":\"io.lintel\",\"version\":");
        JsonText.string(out, version);
        out.append("},\"spans\":[");
        for (int i = 0; i < spans.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            span(out, spans.get(i));
        }
        return out.append("]}]}]}").toString();
    }

    private static void span(StringBuilder out, SpanRecord span) {
        out.append("{\"traceId\":\"");
        JsonText.hex(out, span.traceIdHigh());
        JsonText.hex(out, span.traceIdLow());
        out.append("\",\"spanId\":\"");
        JsonText.hex(out, span.spanId());
        out.append('"');
        if (span.parentSpanId() != 0) {
            out.append(",\"parentSpanId\":\"");
            JsonText.hex(out, span.parentSpanId());
            out.append('"');
        }
        if (span.traceState() != null) {
            out.append(",\"traceState\":");
            JsonText.string(out, span.traceState());
        }
        out.append(",\"name\":");
        JsonText.string(out, span.name());
        out.append(",\"kind\":").append(span.kind())
                .append(",\"startTimeUnixNano\":\"").append(span.startEpochNanos())
                .append("\",\"endTimeUnixNano\":\"").append(span.endEpochNanos())
                .append("\",\"attributes\":[");
        Object[] attributes = span.attributes();
        boolean first = true;
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            attribute(out, (String) attributes[i], attributes[i + 1]);
        }
        // STATUS_CODE_ERROR (2) or STATUS_CODE_UNSET (0): a proxy does not claim OK for its backends
        out.append("],\"status\":{\"code\":").append(span.error() ? 2 : 0).append("}}");
    }

    private static void attribute(StringBuilder out, String key, Object value) {
        out.append("{\"key\":");
        JsonText.string(out, key);
        if (value instanceof Number number) {
            out.append(",\"value\":{\"intValue\":\"").append(number.longValue()).append("\"}}");
        } else {
            out.append(",\"value\":{\"stringValue\":");
            JsonText.string(out, value.toString());
            out.append("}}");
        }
    }
}
