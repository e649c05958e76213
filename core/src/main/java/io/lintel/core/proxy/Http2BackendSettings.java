package io.lintel.core.proxy;

import io.lintel.core.server.CountProperty;

/**
 * How connections to backends whose protocol multiplexes exchanges as HTTP/2 streams (h2c, gRPC) are shared. Per event
 * loop and endpoint there are at most {@link #maxConnections} connections, each carrying at most
 * {@link #maxConcurrentStreams} exchanges at once (fewer when the backend's {@code SETTINGS_MAX_CONCURRENT_STREAMS}
 * says so); a new connection is opened only when every open one is full. An exchange that finds all of them full
 * waits for a stream, in a queue of at most {@link #maxPendingStreams} per endpoint and event loop; beyond it the
 * request is answered 503 at once (as when the backend cannot be connected to), so that a stuck backend costs bounded
 * memory and the client learns it quickly, as Envoy's pending-request overflow does.
 *
 * @param maxConcurrentStreams streams one connection carries at once, at most; default 100, or system property
 *     {@value #MAX_CONCURRENT_STREAMS_PROPERTY}
 * @param maxConnections connections per endpoint and event loop, at most (a connection draining after the backend's
 *     GOAWAY does not count); default 8, or system property {@value #MAX_CONNECTIONS_PROPERTY}
 * @param maxPendingStreams exchanges waiting for a stream (a free one, or a new connection's) per endpoint and event
 *     loop, at most; default 1024, or system property
 *     {@value #MAX_PENDING_STREAMS_PROPERTY}
 */
public record Http2BackendSettings(int maxConcurrentStreams, int maxConnections, int maxPendingStreams) {

    public static final String MAX_CONCURRENT_STREAMS_PROPERTY = "lintel.backend.h2.maxConcurrentStreams";
    public static final String MAX_CONNECTIONS_PROPERTY = "lintel.backend.h2.maxConnections";
    public static final String MAX_PENDING_STREAMS_PROPERTY = "lintel.backend.h2.maxPendingStreams";

    /** The defaults, each overridden by its system property (e.g. in {@code LINTEL_OPTS}). */
    public static final Http2BackendSettings DEFAULTS = new Http2BackendSettings(
            CountProperty.readPositive(MAX_CONCURRENT_STREAMS_PROPERTY, 100),
            CountProperty.readPositive(MAX_CONNECTIONS_PROPERTY, 8),
            CountProperty.readPositive(MAX_PENDING_STREAMS_PROPERTY, 1024));

    public Http2BackendSettings {
        if (maxConcurrentStreams <= 0 || maxConnections <= 0 || maxPendingStreams <= 0) {
            throw new IllegalArgumentException("maxConcurrentStreams " + maxConcurrentStreams + ", maxConnections "
                    + maxConnections + ", maxPendingStreams " + maxPendingStreams + " (expected: > 0)");
        }
    }
}
