package io.lintel.plugin.policy.ratelimit;

import java.time.Duration;

/**
 * The limits of every RateLimitPolicy that the policy itself does not set (settings file or {@code -Dlintel.<key>}).
 *
 * @param maxKeys Local store: the most keys (client addresses, header values) one limit of one rule tracks; beyond
 *     it the least useful key is forgotten (Caffeine's W-TinyLFU), and that key starts a new window
 * @param headersOnAllowed whether allowed responses carry {@code RateLimit-Policy} and {@code RateLimit} too (429s
 *     always do): {@code rateLimit.fieldsOn} {@code all} or {@code refused}
 * @param redisTimeout from sending a count to Redis to its answer; later, the request is decided by {@code failMode}
 * @param redisMaxInFlight counts waiting for Redis per event loop; beyond it, requests are decided by
 *     {@code failMode} at once, without waiting
 * @param redisConnectTimeout connecting to Redis
 * @param redisMaxBackoff the longest wait between reconnection attempts (it starts at 100 ms and doubles)
 */
record RateLimitSettings(int maxKeys, boolean headersOnAllowed, Duration redisTimeout, int redisMaxInFlight,
        Duration redisConnectTimeout, Duration redisMaxBackoff) {

    static final String MAX_KEYS = "lintel.rateLimit.local.maxKeys";
    static final int DEFAULT_MAX_KEYS = 65_536;
    /** {@code all} (default): every response of a limited rule carries the fields; {@code refused}: only refusals. */
    static final String FIELDS_ON = "lintel.rateLimit.fieldsOn";
    static final String REDIS_TIMEOUT_MILLIS = "lintel.rateLimit.redis.timeoutMillis";
    static final long DEFAULT_REDIS_TIMEOUT_MILLIS = 100;
    static final String REDIS_MAX_IN_FLIGHT = "lintel.rateLimit.redis.maxInFlight";
    static final int DEFAULT_REDIS_MAX_IN_FLIGHT = 1_000;
    static final String REDIS_CONNECT_TIMEOUT_MILLIS = "lintel.rateLimit.redis.connectTimeoutMillis";
    static final long DEFAULT_REDIS_CONNECT_TIMEOUT_MILLIS = 1_000;
    static final String REDIS_MAX_BACKOFF_MILLIS = "lintel.rateLimit.redis.maxBackoffMillis";
    static final long DEFAULT_REDIS_MAX_BACKOFF_MILLIS = 5_000;
    /** The first wait before reconnecting; it doubles up to {@link #redisMaxBackoff}. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    RateLimitSettings {
        positive(MAX_KEYS, maxKeys);
        positive(REDIS_TIMEOUT_MILLIS, redisTimeout.toMillis());
        positive(REDIS_MAX_IN_FLIGHT, redisMaxInFlight);
        positive(REDIS_CONNECT_TIMEOUT_MILLIS, redisConnectTimeout.toMillis());
        positive(REDIS_MAX_BACKOFF_MILLIS, redisMaxBackoff.toMillis());
    }

    static RateLimitSettings defaults() {
        return new RateLimitSettings(DEFAULT_MAX_KEYS, true, Duration.ofMillis(DEFAULT_REDIS_TIMEOUT_MILLIS),
                DEFAULT_REDIS_MAX_IN_FLIGHT, Duration.ofMillis(DEFAULT_REDIS_CONNECT_TIMEOUT_MILLIS),
                Duration.ofMillis(DEFAULT_REDIS_MAX_BACKOFF_MILLIS));
    }

    static RateLimitSettings fromSystemProperties() {
        return new RateLimitSettings(Integer.getInteger(MAX_KEYS, DEFAULT_MAX_KEYS),
                !"refused".equals(System.getProperty(FIELDS_ON, "all")),
                Duration.ofMillis(Long.getLong(REDIS_TIMEOUT_MILLIS, DEFAULT_REDIS_TIMEOUT_MILLIS)),
                Integer.getInteger(REDIS_MAX_IN_FLIGHT, DEFAULT_REDIS_MAX_IN_FLIGHT),
                Duration.ofMillis(Long.getLong(REDIS_CONNECT_TIMEOUT_MILLIS, DEFAULT_REDIS_CONNECT_TIMEOUT_MILLIS)),
                Duration.ofMillis(Long.getLong(REDIS_MAX_BACKOFF_MILLIS, DEFAULT_REDIS_MAX_BACKOFF_MILLIS)));
    }

    private static void positive(String property, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(property + " must be positive, got " + value);
        }
    }
}
