package io.lintel.plugin.policy.ratelimit;

import io.lintel.spi.PluginSetting;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The limits of every RateLimitPolicy that the policy itself does not set, declared to core ({@link #DECLARED}) so
 * that the settings file checks them, and read from the plugin context.
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

    static final PluginSetting MAX_KEYS = PluginSetting.number("rateLimit.local.maxKeys", 1, Integer.MAX_VALUE,
            65_536, "keys (client addresses, header values) one local rate limit of one rule tracks; beyond it the"
                    + " least used is forgotten and starts a new count");
    static final PluginSetting FIELDS_ON = PluginSetting.choice("rateLimit.fieldsOn", List.of("all", "refused"), "all",
            "which responses of a rate-limited rule carry RateLimit-Policy and RateLimit: all, or only 429s");
    static final PluginSetting REDIS_TIMEOUT = PluginSetting.number("rateLimit.redis.timeoutMillis", 1,
            Integer.MAX_VALUE, 100, "milliseconds a request waits for Redis to count it; then failMode decides");
    static final PluginSetting REDIS_MAX_IN_FLIGHT = PluginSetting.number("rateLimit.redis.maxInFlight", 1,
            Integer.MAX_VALUE, 1_000, "counts waiting for Redis per event loop; beyond it failMode decides at once");
    static final PluginSetting REDIS_CONNECT_TIMEOUT = PluginSetting.number("rateLimit.redis.connectTimeoutMillis", 1,
            Integer.MAX_VALUE, 1_000, "milliseconds to connect to Redis");
    static final PluginSetting REDIS_MAX_BACKOFF = PluginSetting.number("rateLimit.redis.maxBackoffMillis", 1,
            Integer.MAX_VALUE, 5_000, "longest wait between attempts to reconnect to Redis (from 100 ms, doubling)");

    /** What the plugin declares; core checks the settings file's values against it. */
    static final List<PluginSetting> DECLARED = List.of(MAX_KEYS, FIELDS_ON, REDIS_TIMEOUT, REDIS_MAX_IN_FLIGHT,
            REDIS_CONNECT_TIMEOUT, REDIS_MAX_BACKOFF);

    /** The first wait before reconnecting; it doubles up to {@link #redisMaxBackoff}. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    RateLimitSettings {
        positive(MAX_KEYS, maxKeys);
        positive(REDIS_TIMEOUT, redisTimeout.toMillis());
        positive(REDIS_MAX_IN_FLIGHT, redisMaxInFlight);
        positive(REDIS_CONNECT_TIMEOUT, redisConnectTimeout.toMillis());
        positive(REDIS_MAX_BACKOFF, redisMaxBackoff.toMillis());
    }

    /** The defaults, as declared. */
    static RateLimitSettings defaults() {
        return of(Map.of());
    }

    /** From the plugin context's settings (checked by core against {@link #DECLARED}); an absent key is its default. */
    static RateLimitSettings of(Map<String, String> settings) {
        return new RateLimitSettings(Math.toIntExact(number(settings, MAX_KEYS)),
                !"refused".equals(settings.getOrDefault(FIELDS_ON.key(), FIELDS_ON.defaultValue())),
                Duration.ofMillis(number(settings, REDIS_TIMEOUT)),
                Math.toIntExact(number(settings, REDIS_MAX_IN_FLIGHT)),
                Duration.ofMillis(number(settings, REDIS_CONNECT_TIMEOUT)),
                Duration.ofMillis(number(settings, REDIS_MAX_BACKOFF)));
    }

    private static long number(Map<String, String> settings, PluginSetting setting) {
        return Long.parseLong(settings.getOrDefault(setting.key(), setting.defaultValue()));
    }

    private static void positive(PluginSetting setting, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(setting.key() + " must be positive, got " + value);
        }
    }
}
