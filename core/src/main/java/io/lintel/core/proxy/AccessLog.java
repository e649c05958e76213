package io.lintel.core.proxy;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledRule;
import io.netty.handler.codec.http.HttpRequest;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line per finished request on logger {@value #LOGGER} at INFO, as {@code key=value} fields:
 * {@code client method path status bytes duration_ms route rule rule_name backend endpoint}. {@code route} is the
 * route ({@code httproute/<ns>/<name>}), {@code rule} the rule's index in it and {@code rule_name} its GEP-995
 * {@code name} ({@code -} when unnamed); {@code path} is the path and query the client sent (before any rewrite);
 * {@code bytes} the response body bytes sent; {@code backend} the Service port and {@code endpoint} the address the
 * request went to ({@code -} when none, e.g. a local answer). The time is the logging framework's, taken when the
 * line is written. Lines are written by one background thread ({@link AccessLogWriter}): never on the event loop, as
 * JSON instead when {@value AccessLogWriter#FORMAT_PROPERTY} is {@code json}, and dropped (counted) rather than
 * waited for when the log cannot keep up.
 *
 * <p>Costs nothing but a level check per request when the logger is off (the distribution's default). One instance
 * per {@link ProxyHandler}, reused for each exchange: event loop only.
 */
final class AccessLog {

    static final String LOGGER = "io.lintel.access";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** Null: the shared writer, looked up when a line is first logged (a log that is off starts no writer thread). */
    private final AccessLogWriter writer;
    private boolean enabled;
    private String method;
    private String path;
    private long bytes;
    private String backend;

    AccessLog() {
        this(null);
    }

    AccessLog(AccessLogWriter writer) {
        this.writer = writer;
    }

    /** A new request: remembers what the line needs from its head, if the log is on. */
    void start(HttpRequest head) {
        enabled = LOG.isInfoEnabled();
        if (enabled) {
            method = head.method().name();
            path = head.uri();
            bytes = 0;
            backend = null;
        }
    }

    /** The backend (Service port) the request is sent to. */
    void backend(String name) {
        backend = name;
    }

    /** Response body bytes sent to the client. */
    void bytes(int count) {
        bytes += count;
    }

    /**
     * Hands the request's line to the {@link AccessLogWriter} (once; later calls for the same request do nothing).
     * Only captures values: formatting and writing happen on the writer's thread.
     */
    void completed(CompiledRule rule, int status, long durationNanos, SocketAddress client, BackendEndpoint endpoint) {
        if (!enabled) {
            return;
        }
        enabled = false;
        (writer == null ? AccessLogWriter.shared() : writer).offer(new AccessLogRecord(client, method, path, status, bytes, durationNanos, rule.name(),
                rule.ruleName(), backend, endpoint == null ? null : endpoint.address(),
                endpoint == null ? 0 : endpoint.port()));
    }
}
