package io.lintel.core.proxy;

import java.net.SocketAddress;

/**
 * What one access-log line says, captured on the event loop as the values it already holds, so that turning it into
 * text (address formatting, number formatting, escaping) happens on the writer's thread ({@link AccessLogWriter}).
 *
 * @param client the client's address as the channel gives it
 * @param method the request method
 * @param path the path and query the client sent (before any rewrite)
 * @param status the response status
 * @param bytes the response body bytes sent
 * @param durationNanos from the request head's arrival to the end of the response
 * @param rule the rule's name ({@code httproute/<ns>/<name>/rule/<index>}, or {@code none})
 * @param ruleName the rule's GEP-995 name, empty when unnamed
 * @param backend the Service port the request was sent to, or null
 * @param endpointAddress the address of the endpoint the request went to, or null (a local answer)
 * @param endpointPort that endpoint's port
 */
record AccessLogRecord(SocketAddress client, String method, String path, int status, long bytes, long durationNanos,
        String rule, String ruleName, String backend, String endpointAddress, int endpointPort) {}
