package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.BackendPoolSettings;
import io.lintel.core.proxy.ProxyContext;
import java.time.Duration;

/**
 * Limits and timeouts of the data plane.
 *
 * @param maxInitialLineLength longest HTTP/1.1 request line accepted (longer: 414); default 8 KiB, or system property
 *     {@value #MAX_LINE_BYTES_PROPERTY} in bytes
 * @param maxHeaderSize largest HTTP/1.1 request header block accepted (larger: 431), and the HTTP/2 header list limit
 *     (the stream gets 431); default 16 KiB, or system property {@value #MAX_HEADER_BYTES_PROPERTY} in bytes
 * @param maxChunkSize largest body piece decoded at once (a decoding granularity: longer pieces are split, not
 *     refused; no setting)
 * @param backendConnectTimeout how long a backend connect may take (then 503; a relayed TCP or TLS connection is
 *     closed); default 5 s, or system property {@value #BACKEND_CONNECT_TIMEOUT_PROPERTY} in milliseconds
 * @param clientIdleTimeout a client connection with nothing received for this long is closed unless one of its
 *     requests is being answered (HTTP/1.1: between requests, or stalled in a body read for filters; HTTP/2: with no
 *     open stream; a WebSocket is not closed); a relayed TCP or TLS connection, with nothing either way (zero: never;
 *     {@code ClientIdle}); default 75 s, or system property {@value #CLIENT_IDLE_TIMEOUT_PROPERTY} in seconds
 * @param backendIdleTimeout a pooled backend connection unused for this long is closed (zero: never); default 60 s,
 *     or system property {@value #BACKEND_IDLE_TIMEOUT_PROPERTY} in seconds
 * @param maxIdleBackendConnections idle backend connections kept per endpoint and event loop (zero: none, every
 *     connection is closed after its exchange); default 256, or system property
 *     {@value #MAX_IDLE_BACKEND_CONNECTIONS_PROPERTY}
 * @param maxConcurrentStreams HTTP/2 streams a client may have open at once on one connection (more are refused
 *     with RST_STREAM {@code REFUSED_STREAM}); default 128, or system property
 *     {@value #MAX_CONCURRENT_STREAMS_PROPERTY}
 * @param maxMirrorPendingBytes how far behind the request body a request copy (RequestMirror) may fall before it is
 *     dropped (see {@link BackendPoolSettings#mirrorMaxPendingBytes}); default 1 MiB, or system property
 *     {@value #MAX_MIRROR_PENDING_BYTES_PROPERTY} ({@code LINTEL_OPTS=-Dlintel.mirror.maxPendingBytes=N})
 * @param maxBufferedRequestBody longest request body read whole for filters that read bodies (longer: 413); by
 *     default 1 MiB, or system property {@value #MAX_BUFFERED_REQUEST_BODY_PROPERTY} (e.g. in {@code LINTEL_OPTS})
 * @param maxReplayBodyBytes how much of a request body is kept so that a retrying filter can send the request again
 *     (rules with filters only); a longer body is still streamed to the backend, once, and the request is not retried
 *     (counted in {@code lintel_request_body_not_replayable_total}); 0 retries only requests without body. Default
 *     64 KiB, or system property {@value #MAX_REPLAY_BODY_BYTES_PROPERTY} in bytes
 * @param requestHeadTimeout how long an HTTP/1.1 request head may take from its first byte to its end (then 408 and
 *     close; zero: no limit); default 30 s, or system property {@value #REQUEST_HEAD_TIMEOUT_PROPERTY} in seconds
 * @param requestBodyIdleTimeout how long a request body may pause while the gateway waits for it (then 408 and close;
 *     zero: no limit); default 60 s, or system property {@value #REQUEST_BODY_IDLE_TIMEOUT_PROPERTY} in seconds
 * @param defaultRequestTimeout how long a request forwarded by a rule without {@code timeouts} may wait for its
 *     response head once the request has arrived whole (then 504; gRPC requests excepted; zero: no limit); default
 *     15 s, or system property {@value #DEFAULT_REQUEST_TIMEOUT_PROPERTY} in seconds
 * @param maxConnections client connections open at once over all listeners, beyond which new ones are closed as
 *     soon as they are accepted (zero: no limit); by default derived from the file-descriptor limit
 *     ({@link ConnectionBudget}), or system property {@value #MAX_CONNECTIONS_PROPERTY}
 * @param maxConnectionsPerListener the same bound for each listening socket (zero: only {@code maxConnections});
 *     default zero, or system property {@value #MAX_CONNECTIONS_PER_LISTENER_PROPERTY}
 * @param http2FloodLimits the bounds on resets and control frames of one HTTP/2 client connection
 * @param http2StreamChannels whether client HTTP/2 streams are child channels (see
 *     {@value #HTTP2_STREAM_CHANNELS_PROPERTY})
 */
public record DataPlaneSettings(
        int maxInitialLineLength,
        int maxHeaderSize,
        int maxChunkSize,
        Duration backendConnectTimeout,
        Duration clientIdleTimeout,
        Duration backendIdleTimeout,
        int maxIdleBackendConnections,
        int maxConcurrentStreams,
        long maxMirrorPendingBytes,
        int maxBufferedRequestBody,
        int maxReplayBodyBytes,
        Duration requestHeadTimeout,
        Duration requestBodyIdleTimeout,
        Duration defaultRequestTimeout,
        int maxConnections,
        int maxConnectionsPerListener,
        Http2FloodLimits http2FloodLimits,
        boolean http2StreamChannels) {

    public static final String MAX_MIRROR_PENDING_BYTES_PROPERTY = "lintel.mirror.maxPendingBytes";
    public static final String REQUEST_HEAD_TIMEOUT_PROPERTY = "lintel.request.headTimeoutSeconds";
    public static final String REQUEST_BODY_IDLE_TIMEOUT_PROPERTY = "lintel.request.bodyIdleTimeoutSeconds";
    public static final String DEFAULT_REQUEST_TIMEOUT_PROPERTY = "lintel.route.defaultTimeoutSeconds";
    public static final String MAX_CONNECTIONS_PROPERTY = "lintel.connections.max";
    public static final String MAX_REPLAY_BODY_BYTES_PROPERTY = "lintel.retry.maxBodyBytes";
    public static final String MAX_LINE_BYTES_PROPERTY = "lintel.request.maxLineBytes";
    public static final String MAX_HEADER_BYTES_PROPERTY = "lintel.request.maxHeaderBytes";
    public static final String BACKEND_CONNECT_TIMEOUT_PROPERTY = "lintel.backend.connectTimeoutMillis";
    public static final String CLIENT_IDLE_TIMEOUT_PROPERTY = "lintel.connections.idleTimeoutSeconds";
    public static final String BACKEND_IDLE_TIMEOUT_PROPERTY = "lintel.backend.idleTimeoutSeconds";
    public static final String MAX_IDLE_BACKEND_CONNECTIONS_PROPERTY = "lintel.backend.maxIdleConnections";
    public static final String MAX_CONCURRENT_STREAMS_PROPERTY = "lintel.http2.maxConcurrentStreams";

    public static final String MAX_CONNECTIONS_PER_LISTENER_PROPERTY = "lintel.connections.maxPerListener";

    /** Overrides the default of {@link #maxBufferedRequestBody}, in bytes. */
    public static final String MAX_BUFFERED_REQUEST_BODY_PROPERTY = "lintel.maxBufferedRequestBody";
    /**
     * {@code false} (the default): one handler per client HTTP/2 connection drives its streams' exchanges
     * ({@code Http2ClientStreams}, less CPU per request); {@code true}: each stream is a child channel with a pipeline
     * of its own (Netty's multiplexer, as up to this release; kept for one release as a fallback). Read once, when the
     * defaults are made.
     */
    public static final String HTTP2_STREAM_CHANNELS_PROPERTY = "lintel.http2.streamChannels";

    /** The production defaults, each overridden by its system property; read once, when the class is initialised. */
    public static final DataPlaneSettings DEFAULTS = fromSystemProperties();

    /**
     * The settings of the system properties as they are now, each property's default where it is not set (a wrong
     * value is reported and its default used); {@link #DEFAULTS} is this, read once.
     */
    static DataPlaneSettings fromSystemProperties() {
        return new DataPlaneSettings(
                CountProperty.readPositive(MAX_LINE_BYTES_PROPERTY, 8192),
                CountProperty.readPositive(MAX_HEADER_BYTES_PROPERTY, 16384),
                65536,
                millisProperty(BACKEND_CONNECT_TIMEOUT_PROPERTY, Duration.ofSeconds(5)),
                secondsProperty(CLIENT_IDLE_TIMEOUT_PROPERTY, Duration.ofSeconds(75)),
                secondsProperty(BACKEND_IDLE_TIMEOUT_PROPERTY, Duration.ofSeconds(60)),
                countProperty(MAX_IDLE_BACKEND_CONNECTIONS_PROPERTY, 256),
                CountProperty.readPositive(MAX_CONCURRENT_STREAMS_PROPERTY, 128),
                maxMirrorPendingBytesProperty(),
                Integer.getInteger(MAX_BUFFERED_REQUEST_BODY_PROPERTY, ProxyContext.DEFAULT_MAX_BUFFERED_REQUEST_BODY),
                countProperty(MAX_REPLAY_BODY_BYTES_PROPERTY, ProxyContext.DEFAULT_MAX_REPLAY_BODY_BYTES),
                secondsProperty(REQUEST_HEAD_TIMEOUT_PROPERTY, Duration.ofSeconds(30)),
                secondsProperty(REQUEST_BODY_IDLE_TIMEOUT_PROPERTY, Duration.ofSeconds(60)),
                secondsProperty(DEFAULT_REQUEST_TIMEOUT_PROPERTY, Duration.ofSeconds(15)),
                countProperty(MAX_CONNECTIONS_PROPERTY, ConnectionBudget.defaultMaxConnections()),
                countProperty(MAX_CONNECTIONS_PER_LISTENER_PROPERTY, 0),
                Http2FloodLimits.DEFAULTS,
                Boolean.parseBoolean(System.getProperty(HTTP2_STREAM_CHANNELS_PROPERTY, "false")));
    }

    public DataPlaneSettings {
        requireNonNull(backendConnectTimeout, "backendConnectTimeout");
        requireNonNull(clientIdleTimeout, "clientIdleTimeout");
        requireNonNull(backendIdleTimeout, "backendIdleTimeout");
        requireNonNull(requestHeadTimeout, "requestHeadTimeout");
        requireNonNull(requestBodyIdleTimeout, "requestBodyIdleTimeout");
        requireNonNull(defaultRequestTimeout, "defaultRequestTimeout");
        if (defaultRequestTimeout.isNegative() || maxConnections < 0 || maxConnectionsPerListener < 0
                || maxReplayBodyBytes < 0) {
            throw new IllegalArgumentException("defaultRequestTimeout " + defaultRequestTimeout
                    + ", maxConnections " + maxConnections + ", maxConnectionsPerListener " + maxConnectionsPerListener
                    + ", maxReplayBodyBytes " + maxReplayBodyBytes + " (expected: >= 0)");
        }
        requireNonNull(http2FloodLimits, "http2FloodLimits");
        if (requestHeadTimeout.isNegative() || requestBodyIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("request timeouts: " + requestHeadTimeout + ", "
                    + requestBodyIdleTimeout + " (expected: >= 0)");
        }
        if (clientIdleTimeout.isNegative() || backendIdleTimeout.isNegative() || maxIdleBackendConnections < 0) {
            throw new IllegalArgumentException("clientIdleTimeout " + clientIdleTimeout + ", backendIdleTimeout "
                    + backendIdleTimeout + ", maxIdleBackendConnections " + maxIdleBackendConnections
                    + " (expected: >= 0)");
        }
        // whole milliseconds: the connect timeout is Netty's CONNECT_TIMEOUT_MILLIS, where 0 would mean none
        positive("backendConnectTimeout (ms)", backendConnectTimeout.toMillis());
        positive("maxInitialLineLength", maxInitialLineLength);
        positive("maxHeaderSize", maxHeaderSize);
        positive("maxChunkSize", maxChunkSize);
        positive("maxConcurrentStreams", maxConcurrentStreams);
        positive("maxMirrorPendingBytes", maxMirrorPendingBytes);
        positive("maxBufferedRequestBody", maxBufferedRequestBody);
    }

    /** These settings with another {@link #maxMirrorPendingBytes}. */
    public DataPlaneSettings withMaxMirrorPendingBytes(long bytes) {
        Copy copy = new Copy(this);
        copy.maxMirrorPendingBytes = bytes;
        return copy.settings();
    }

    /** These settings with another {@link #maxReplayBodyBytes} (0: only requests without body are retried). */
    public DataPlaneSettings withMaxReplayBodyBytes(int bytes) {
        Copy copy = new Copy(this);
        copy.maxReplayBodyBytes = bytes;
        return copy.settings();
    }

    /** These settings with other request read timeouts (zero: none). */
    public DataPlaneSettings withRequestTimeouts(Duration head, Duration bodyIdle) {
        Copy copy = new Copy(this);
        copy.requestHeadTimeout = head;
        copy.requestBodyIdleTimeout = bodyIdle;
        return copy.settings();
    }

    /** These settings with another {@link #defaultRequestTimeout} (zero: none). */
    public DataPlaneSettings withDefaultRequestTimeout(Duration timeout) {
        Copy copy = new Copy(this);
        copy.defaultRequestTimeout = timeout;
        return copy.settings();
    }

    /** These settings with other connection limits (zero: none). */
    public DataPlaneSettings withMaxConnections(int total, int perListener) {
        Copy copy = new Copy(this);
        copy.maxConnections = total;
        copy.maxConnectionsPerListener = perListener;
        return copy.settings();
    }

    /** These settings with client HTTP/2 streams as child channels ({@code true}) or driven by their connection. */
    public DataPlaneSettings withHttp2StreamChannels(boolean streamChannels) {
        Copy copy = new Copy(this);
        copy.http2StreamChannels = streamChannels;
        return copy.settings();
    }

    /** These settings with other HTTP/2 flood bounds. */
    public DataPlaneSettings withHttp2FloodLimits(Http2FloodLimits limits) {
        Copy copy = new Copy(this);
        copy.http2FloodLimits = limits;
        return copy.settings();
    }

    /** These settings with other bounds on an HTTP/1.1 request head (and the HTTP/2 header list), in bytes. */
    public DataPlaneSettings withRequestHeadLimits(int maxLineBytes, int maxHeaderBytes) {
        Copy copy = new Copy(this);
        copy.maxInitialLineLength = maxLineBytes;
        copy.maxHeaderSize = maxHeaderBytes;
        return copy.settings();
    }

    /** These settings with another {@link #clientIdleTimeout} (zero: never). */
    public DataPlaneSettings withClientIdleTimeout(Duration timeout) {
        Copy copy = new Copy(this);
        copy.clientIdleTimeout = timeout;
        return copy.settings();
    }

    /**
     * These settings with other backend connection bounds: connect timeout (> 0), idle timeout of a pooled connection
     * (zero: never) and idle connections kept per endpoint and event loop (zero: none).
     */
    public DataPlaneSettings withBackendConnections(Duration connectTimeout, Duration idleTimeout, int maxIdle) {
        Copy copy = new Copy(this);
        copy.backendConnectTimeout = connectTimeout;
        copy.backendIdleTimeout = idleTimeout;
        copy.maxIdleBackendConnections = maxIdle;
        return copy.settings();
    }

    /**
     * The components of a settings record, to change some of them: the one place besides the record's header that
     * lists them all, so that each {@code with} method names only what it changes.
     */
    private static final class Copy {
        int maxInitialLineLength;
        int maxHeaderSize;
        int maxChunkSize;
        Duration backendConnectTimeout;
        Duration clientIdleTimeout;
        Duration backendIdleTimeout;
        int maxIdleBackendConnections;
        int maxConcurrentStreams;
        long maxMirrorPendingBytes;
        int maxBufferedRequestBody;
        int maxReplayBodyBytes;
        Duration requestHeadTimeout;
        Duration requestBodyIdleTimeout;
        Duration defaultRequestTimeout;
        int maxConnections;
        int maxConnectionsPerListener;
        Http2FloodLimits http2FloodLimits;
        boolean http2StreamChannels;

        Copy(DataPlaneSettings of) {
            maxInitialLineLength = of.maxInitialLineLength;
            maxHeaderSize = of.maxHeaderSize;
            maxChunkSize = of.maxChunkSize;
            backendConnectTimeout = of.backendConnectTimeout;
            clientIdleTimeout = of.clientIdleTimeout;
            backendIdleTimeout = of.backendIdleTimeout;
            maxIdleBackendConnections = of.maxIdleBackendConnections;
            maxConcurrentStreams = of.maxConcurrentStreams;
            maxMirrorPendingBytes = of.maxMirrorPendingBytes;
            maxBufferedRequestBody = of.maxBufferedRequestBody;
            maxReplayBodyBytes = of.maxReplayBodyBytes;
            requestHeadTimeout = of.requestHeadTimeout;
            requestBodyIdleTimeout = of.requestBodyIdleTimeout;
            defaultRequestTimeout = of.defaultRequestTimeout;
            maxConnections = of.maxConnections;
            maxConnectionsPerListener = of.maxConnectionsPerListener;
            http2FloodLimits = of.http2FloodLimits;
            http2StreamChannels = of.http2StreamChannels;
        }

        /** The settings these components make (checked by the record's constructor). */
        DataPlaneSettings settings() {
            return new DataPlaneSettings(maxInitialLineLength, maxHeaderSize, maxChunkSize, backendConnectTimeout,
                    clientIdleTimeout, backendIdleTimeout, maxIdleBackendConnections, maxConcurrentStreams,
                    maxMirrorPendingBytes, maxBufferedRequestBody, maxReplayBodyBytes, requestHeadTimeout,
                    requestBodyIdleTimeout, defaultRequestTimeout, maxConnections, maxConnectionsPerListener,
                    http2FloodLimits, http2StreamChannels);
        }
    }

    /** System property {@code name} as a whole number >= 0 (0: no limit), see {@link CountProperty}. */
    static int countProperty(String name, int fallback) {
        return CountProperty.read(name, fallback);
    }

    /**
     * System property {@code name} as whole seconds when it is a number >= 0 (0: no limit), else the default: a wrong
     * value is reported and ignored, as for the mirror bound.
     */
    static Duration secondsProperty(String name, Duration fallback) {
        return Duration.ofSeconds(CountProperty.read(name, fallback.toSeconds(), 0, Long.MAX_VALUE,
                "a number of seconds"));
    }

    /**
     * System property {@code name} as whole milliseconds when it is a number > 0 (a timeout that must not be off),
     * else the default: a wrong value is reported and ignored, see {@link CountProperty#readPositive}.
     */
    static Duration millisProperty(String name, Duration fallback) {
        return Duration.ofMillis(CountProperty.read(name, fallback.toMillis(), 1, Integer.MAX_VALUE,
                "a number of milliseconds"));
    }

    /**
     * System property {@value #MAX_MIRROR_PENDING_BYTES_PROPERTY} when it is a positive number of bytes, else the
     * default: a wrong value is reported and ignored rather than failing start-up from a static initialiser.
     */
    static long maxMirrorPendingBytesProperty() {
        return CountProperty.read(MAX_MIRROR_PENDING_BYTES_PROPERTY,
                BackendPoolSettings.DEFAULT_MIRROR_MAX_PENDING_BYTES, 1, Long.MAX_VALUE, "a number of bytes");
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    BackendPoolSettings backendPool() {
        return new BackendPoolSettings(backendConnectTimeout, backendIdleTimeout, maxIdleBackendConnections,
                8192, Math.max(maxHeaderSize, 65536), maxChunkSize, maxBufferedRequestBody, maxMirrorPendingBytes);
    }
}
