package io.lintel.core.observe;

/**
 * One finished span, captured on the event loop and encoded by the exporter's thread ({@link OtlpJson}).
 *
 * @param traceIdHigh the trace id's first 64 bits
 * @param traceIdLow the trace id's last 64 bits
 * @param spanId this span's id
 * @param parentSpanId the parent span's id, 0 for a root span
 * @param traceState the caller's {@code tracestate}, or null
 * @param name the span's name
 * @param kind {@link #SERVER} (the exchange) or {@link #CLIENT} (a backend attempt)
 * @param startEpochNanos start, nanoseconds since the epoch
 * @param endEpochNanos end, nanoseconds since the epoch
 * @param error whether the span's status is an error
 * @param attributes key, value, key, value... (values {@code String} or {@code Long}; a null value is left out)
 */
record SpanRecord(long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, String traceState, String name,
        int kind, long startEpochNanos, long endEpochNanos, boolean error, Object[] attributes) {

    /** OTLP {@code SPAN_KIND_SERVER}. */
    static final int SERVER = 2;
    /** OTLP {@code SPAN_KIND_CLIENT}. */
    static final int CLIENT = 3;
}
