package io.lintel.plugin.policy.ratelimit;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterSpec;
import java.time.Duration;
import java.util.List;

/**
 * One RateLimitPolicy, validated: its limits and where they are counted.
 *
 * @param policy {@code <namespace>/<name>} of the policy, for logs
 * @param limits every limit a request is counted against (at least one)
 * @param store where the counts live
 */
record RateLimitSpec(String policy, List<Limit> limits, Store store) implements FilterSpec {

    RateLimitSpec {
        requireNonNull(policy, "policy");
        limits = List.copyOf(limits);
        requireNonNull(store, "store");
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("limits must not be empty");
        }
    }

    /** {@code spec.limits[].unit}: the length of a counting window. */
    enum Unit {
        Second(Duration.ofSeconds(1)), Minute(Duration.ofMinutes(1)), Hour(Duration.ofHours(1));

        private final Duration window;

        Unit(Duration window) {
            this.window = window;
        }

        Duration window() {
            return window;
        }
    }

    /** {@code spec.limits[].key.type}: what one count is kept for. */
    enum KeyType { ClientIP, Header, None }

    /**
     * One limit.
     *
     * @param id the limit's policy identifier in the {@code RateLimit-Policy} and {@code RateLimit} fields
     * @param requests requests admitted per window and key
     * @param unit the window
     * @param key what the requests are counted by
     * @param header for {@link KeyType#Header}: the header's name, lower case; else {@code ""}
     */
    record Limit(String id, int requests, Unit unit, KeyType key, String header) {

        Limit {
            requireNonNull(id, "id");
            requireNonNull(unit, "unit");
            requireNonNull(key, "key");
            requireNonNull(header, "header");
            if (requests <= 0) {
                throw new IllegalArgumentException("requests must be positive, got " + requests);
            }
        }
    }

    /** {@code spec.store.type}. */
    enum StoreType { Local, Redis }

    /** {@code spec.store.redis.failMode}: what a request gets when Redis cannot count it. */
    enum FailMode { Open, Closed }

    /**
     * Where the counts live.
     *
     * @param type Local (this process) or Redis (shared)
     * @param redisHost for Redis: the server's host name or address; else {@code ""}
     * @param redisPort for Redis: its port; else 0
     * @param failMode for Redis: what a request gets when Redis cannot count it
     */
    record Store(StoreType type, String redisHost, int redisPort, FailMode failMode) {

        static final Store LOCAL = new Store(StoreType.Local, "", 0, FailMode.Open);

        Store {
            requireNonNull(type, "type");
            requireNonNull(redisHost, "redisHost");
            requireNonNull(failMode, "failMode");
        }

        /** {@code host:port}, IPv6 hosts in brackets. */
        String redisAddress() {
            return (redisHost.indexOf(':') >= 0 ? "[" + redisHost + "]" : redisHost) + ":" + redisPort;
        }
    }
}
