package io.lintel.core.observe;

/**
 * What one access-log line says, captured on the event loop as the values it already holds, so that turning it into
 * text (time and number formatting, escaping) happens on the writer's thread ({@link AccessLogWriter}).
 *
 * @param startEpochNanos when the request head arrived, in nanoseconds since the epoch
 * @param durationNanos from the request head's arrival to the end of the response
 * @param client the client's address (as {@code X-Forwarded-For} would carry it)
 * @param protocol {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2}
 * @param method the request method
 * @param authority the {@code Host} ({@code :authority}) the client sent, or null
 * @param path the path and query the client sent (before any rewrite)
 * @param status the response status (0: the client went away before one was sent)
 * @param bytesIn the request body bytes received
 * @param bytesOut the response body bytes sent
 * @param rule the rule's name ({@code httproute/<ns>/<name>/rule/<index>}, or {@code none})
 * @param ruleName the rule's GEP-995 name, empty when unnamed
 * @param backend the Service port the request was last sent to, or null
 * @param endpointAddress the address of the endpoint the request last went to, or null (a local answer)
 * @param endpointPort that endpoint's port
 * @param upstreamNanos from the last attempt's start to its response head, or -1 (no backend answered)
 * @param attempts backend attempts made
 * @param traceId the trace's id (32 hex digits), or null
 * @param flags the {@link ResponseFlag} bits
 */
public record AccessLogRecord(long startEpochNanos, long durationNanos, String client, String protocol, String method,
        String authority, String path, int status, long bytesIn, long bytesOut, String rule, String ruleName,
        String backend, String endpointAddress, int endpointPort, long upstreamNanos, int attempts, String traceId,
        int flags) {}
