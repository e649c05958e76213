package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

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
 */
public record BackendPoolSettings(Duration connectTimeout, Duration idleTimeout, int maxIdlePerEndpoint,
        int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {

    public static final BackendPoolSettings DEFAULTS =
            new BackendPoolSettings(Duration.ofSeconds(5), Duration.ofSeconds(60), 256, 8192, 65536, 65536);

    public BackendPoolSettings {
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(idleTimeout, "idleTimeout");
        if (maxIdlePerEndpoint < 0) {
            throw new IllegalArgumentException("maxIdlePerEndpoint: " + maxIdlePerEndpoint + " (expected: >= 0)");
        }
    }
}
