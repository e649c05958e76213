package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.SocketKey;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every {@link ProxyHandler} of one listening socket shares.
 *
 * @param table the current route table; read once per request, when its head arrives
 * @param socket the socket the requests arrive on (selects its listeners in the table)
 * @param scheme {@code http} or {@code https}, for {@code X-Forwarded-Proto} and filters
 * @param pools the backend connection pools
 * @param maxBufferedRequestBody the longest request body read whole for the filters that ask for it
 *     ({@code HttpFilter.needsRequestBody}); a longer one is answered 413
 * @param defaultRequestTimeoutNanos how long a request whose rule sets no timeouts waits for its response head once
 *     it has arrived whole (0: no limit); gRPC requests are not bounded by it
 * @param maxReplayBodyBytes how much of a request body is kept for a retry ({@link ReplayableRequestBody}); a longer
 *     body is sent once and not retried (0: only requests without body are retried)
 */
public record ProxyContext(AtomicReference<CompiledRouteTable> table, SocketKey socket, String scheme,
        BackendConnectionPools pools, int maxBufferedRequestBody, long defaultRequestTimeoutNanos,
        int maxReplayBodyBytes) {

    /** The production default of {@link #maxReplayBodyBytes}: 64 KiB. */
    public static final int DEFAULT_MAX_REPLAY_BODY_BYTES = 64 * 1024;

    /** The production default of {@link #maxBufferedRequestBody}: 1 MiB. */
    public static final int DEFAULT_MAX_BUFFERED_REQUEST_BODY = 1 << 20;

    public ProxyContext {
        requireNonNull(table, "table");
        requireNonNull(socket, "socket");
        requireNonNull(scheme, "scheme");
        requireNonNull(pools, "pools");
        if (maxBufferedRequestBody < 0) {
            throw new IllegalArgumentException("maxBufferedRequestBody: " + maxBufferedRequestBody
                    + " (expected: >= 0)");
        }
        if (defaultRequestTimeoutNanos < 0) {
            throw new IllegalArgumentException("defaultRequestTimeoutNanos: " + defaultRequestTimeoutNanos
                    + " (expected: >= 0)");
        }
        if (maxReplayBodyBytes < 0) {
            throw new IllegalArgumentException("maxReplayBodyBytes: " + maxReplayBodyBytes + " (expected: >= 0)");
        }
    }

    /** A context with the default replay bound. */
    public ProxyContext(AtomicReference<CompiledRouteTable> table, SocketKey socket, String scheme,
            BackendConnectionPools pools, int maxBufferedRequestBody, long defaultRequestTimeoutNanos) {
        this(table, socket, scheme, pools, maxBufferedRequestBody, defaultRequestTimeoutNanos,
                DEFAULT_MAX_REPLAY_BODY_BYTES);
    }

    /** A context with no default request timeout. */
    public ProxyContext(AtomicReference<CompiledRouteTable> table, SocketKey socket, String scheme,
            BackendConnectionPools pools, int maxBufferedRequestBody) {
        this(table, socket, scheme, pools, maxBufferedRequestBody, 0);
    }

    /** A context with the default body bound and no default request timeout. */
    public ProxyContext(AtomicReference<CompiledRouteTable> table, SocketKey socket, String scheme,
            BackendConnectionPools pools) {
        this(table, socket, scheme, pools, DEFAULT_MAX_BUFFERED_REQUEST_BODY);
    }
}
