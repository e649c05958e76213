package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.backend.CodecLimits;
import java.time.Duration;

/**
 * How backend connections are made and kept.
 *
 * @param connectTimeout how long a connect may take before the request is answered 503
 * @param idleTimeout how long an unused pooled connection is kept (zero: until the backend closes it)
 * @param maxIdlePerEndpoint idle connections kept per endpoint and event loop; more are closed
 * @param maxInitialLineLength longest status line accepted from a backend
 * @param maxHeaderSize largest response header block accepted from a backend
 * @param maxChunkSize largest body piece decoded at once
 * @param maxContentLength largest body a backend protocol plugin may aggregate ({@link CodecLimits#maxContentLength})
 * @param mirrorMaxPendingBytes how far a request copy (mirror) may fall behind the request body: the bytes it holds
 *     or has written but the mirror's socket has not taken, beyond which (and its connection not writable) the copy is
 *     dropped; never slows the request itself
 * @param http2 how connections of a protocol that multiplexes HTTP/2 streams (h2c, gRPC) are shared between exchanges
 */
public record BackendPoolSettings(Duration connectTimeout, Duration idleTimeout, int maxIdlePerEndpoint,
        int maxInitialLineLength, int maxHeaderSize, int maxChunkSize, int maxContentLength,
        long mirrorMaxPendingBytes, Http2BackendSettings http2) {

    /** The production default of {@link #mirrorMaxPendingBytes}: 1 MiB per request copy. */
    public static final long DEFAULT_MIRROR_MAX_PENDING_BYTES = 1024 * 1024;

    public static final BackendPoolSettings DEFAULTS = new BackendPoolSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(60), 256, 8192, 65536, 65536, ProxyContext.DEFAULT_MAX_BUFFERED_REQUEST_BODY,
            DEFAULT_MIRROR_MAX_PENDING_BYTES);

    public BackendPoolSettings {
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(http2, "http2");
        requireNonNull(idleTimeout, "idleTimeout");
        if (maxIdlePerEndpoint < 0) {
            throw new IllegalArgumentException("maxIdlePerEndpoint: " + maxIdlePerEndpoint + " (expected: >= 0)");
        }
        if (mirrorMaxPendingBytes <= 0) {
            throw new IllegalArgumentException("mirrorMaxPendingBytes: " + mirrorMaxPendingBytes + " (expected: > 0)");
        }
    }

    /** The settings with the default sharing of HTTP/2 connections ({@link Http2BackendSettings#DEFAULTS}). */
    public BackendPoolSettings(Duration connectTimeout, Duration idleTimeout, int maxIdlePerEndpoint,
            int maxInitialLineLength, int maxHeaderSize, int maxChunkSize, int maxContentLength,
            long mirrorMaxPendingBytes) {
        this(connectTimeout, idleTimeout, maxIdlePerEndpoint, maxInitialLineLength, maxHeaderSize, maxChunkSize,
                maxContentLength, mirrorMaxPendingBytes, Http2BackendSettings.DEFAULTS);
    }

    /** These settings with another sharing of HTTP/2 connections. */
    public BackendPoolSettings withHttp2(Http2BackendSettings sharing) {
        return new BackendPoolSettings(connectTimeout, idleTimeout, maxIdlePerEndpoint, maxInitialLineLength,
                maxHeaderSize, maxChunkSize, maxContentLength, mirrorMaxPendingBytes, sharing);
    }

    /**
     * The settings without the bound on a body a protocol plugin may aggregate (1 MiB, core's default bound on a body
     * read whole for filters).
     */
    public BackendPoolSettings(Duration connectTimeout, Duration idleTimeout, int maxIdlePerEndpoint,
            int maxInitialLineLength, int maxHeaderSize, int maxChunkSize, long mirrorMaxPendingBytes) {
        this(connectTimeout, idleTimeout, maxIdlePerEndpoint, maxInitialLineLength, maxHeaderSize, maxChunkSize,
                ProxyContext.DEFAULT_MAX_BUFFERED_REQUEST_BODY, mirrorMaxPendingBytes);
    }

    /** The decoding limits for a backend protocol plugin: the same as core's own backend codec applies. */
    public CodecLimits codecLimits() {
        return new CodecLimits(maxInitialLineLength, maxHeaderSize, maxChunkSize, maxContentLength);
    }
}
