package io.lintel.core.proxy;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledRule;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line per finished request on logger {@value #LOGGER} at INFO, as {@code key=value} fields:
 * {@code client method path status bytes duration_ms route rule rule_name backend endpoint}. {@code route} is the
 * route ({@code httproute/<ns>/<name>}), {@code rule} the rule's index in it and {@code rule_name} its GEP-995
 * {@code name} ({@code -} when unnamed); {@code path} is the path and query the client sent (before any rewrite);
 * {@code bytes} the response body bytes sent; {@code backend} the Service port and {@code endpoint} the address the
 * request went to ({@code -} when none, e.g. a local answer). The time is the logging framework's.
 *
 * <p>Costs nothing but a level check per request when the logger is off (the distribution's default). One instance
 * per {@link ProxyHandler}, reused for each exchange: event loop only.
 */
final class AccessLog {

    static final String LOGGER = "io.lintel.access";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final String RULE_SEGMENT = "/rule/";

    private boolean enabled;
    private String method;
    private String path;
    private long bytes;
    private String backend;

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

    /** Writes the request's line (once; later calls for the same request do nothing). */
    void completed(CompiledRule rule, int status, long durationNanos, SocketAddress client, BackendEndpoint endpoint) {
        if (!enabled) {
            return;
        }
        enabled = false;
        StringBuilder line = new StringBuilder(192);
        line.append("client=");
        if (client instanceof InetSocketAddress inet && inet.getAddress() != null) {
            line.append(inet.getAddress().getHostAddress());
        } else {
            line.append(client);
        }
        line.append(" method=").append(method)
                .append(" path=").append(path)
                .append(" status=").append(status)
                .append(" bytes=").append(bytes)
                .append(" duration_ms=");
        long micros = durationNanos / 1_000;
        line.append(micros / 1_000).append('.');
        long fraction = micros % 1_000;
        if (fraction < 100) {
            line.append(fraction < 10 ? "00" : "0");
        }
        line.append(fraction);
        String name = rule.name();
        int index = name.lastIndexOf(RULE_SEGMENT);
        if (index > 0) {
            line.append(" route=").append(name, 0, index)
                    .append(" rule=").append(name, index + RULE_SEGMENT.length(), name.length());
        } else {
            line.append(" route=- rule=").append(name);
        }
        line.append(" rule_name=").append(rule.ruleName().isEmpty() ? "-" : rule.ruleName())
                .append(" backend=").append(backend == null ? "-" : backend)
                .append(" endpoint=");
        if (endpoint == null) {
            line.append('-');
        } else {
            String address = endpoint.address();
            if (address.indexOf(':') >= 0) {
                line.append('[').append(address).append(']');
            } else {
                line.append(address);
            }
            line.append(':').append(endpoint.port());
        }
        LOG.info(line.toString());
    }
}
