package io.lintel.plugin.policy.ratelimit;

import io.lintel.spi.PluginReporting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The plugin's counts, shared by every policy: requests admitted and refused, and what happened when Redis could not
 * count a request (by cause, and how failMode decided). Counted with {@link LongAdder}s, which event loops update
 * without contention.
 */
final class RateLimitMetrics {

    /** Why Redis could not count a request. */
    enum RedisFailure {
        /** no connection (never connected, refused, or lost and not yet back). */
        unavailable,
        /** no answer within {@code rateLimit.redis.timeoutMillis}. */
        timeout,
        /** {@code rateLimit.redis.maxInFlight} counts already waiting on this event loop. */
        budget,
        /** Redis answered with an error. */
        error
    }

    private final LongAdder allowed = new LongAdder();
    private final LongAdder limited = new LongAdder();
    private final LongAdder[] redisFailures = new LongAdder[RedisFailure.values().length];
    private final LongAdder failedOpen = new LongAdder();
    private final LongAdder failedClosed = new LongAdder();
    private final AtomicInteger redisConnections = new AtomicInteger();

    RateLimitMetrics() {
        for (int i = 0; i < redisFailures.length; i++) {
            redisFailures[i] = new LongAdder();
        }
    }

    void allowed() {
        allowed.increment();
    }

    void limited() {
        limited.increment();
    }

    void redisFailure(RedisFailure failure, boolean failOpen) {
        redisFailures[failure.ordinal()].increment();
        (failOpen ? failedOpen : failedClosed).increment();
    }

    void redisConnected() {
        redisConnections.incrementAndGet();
    }

    void redisDisconnected() {
        redisConnections.decrementAndGet();
    }

    long allowedCount() {
        return allowed.sum();
    }

    long limitedCount() {
        return limited.sum();
    }

    long redisFailureCount(RedisFailure failure) {
        return redisFailures[failure.ordinal()].sum();
    }

    long failedOpenCount() {
        return failedOpen.sum();
    }

    long failedClosedCount() {
        return failedClosed.sum();
    }

    /** Redis connections open now (one per event loop and Redis address that served a request). */
    int redisConnectionCount() {
        return redisConnections.get();
    }

    /** Shows these counts on {@code /metrics}, and {@code redis}'s state there and on {@code /ready}. */
    void reportTo(PluginReporting reporting, RedisStores redis) {
        Map<String, LongSupplier> requests = new LinkedHashMap<>();
        requests.put("allowed", this::allowedCount);
        requests.put("limited", this::limitedCount);
        reporting.counter("lintel_rate_limit_requests_total",
                "Requests of rate-limited rules, by result: allowed, or limited (429 / RESOURCE_EXHAUSTED)",
                "result", requests);
        Map<String, LongSupplier> failures = new LinkedHashMap<>();
        for (RedisFailure failure : RedisFailure.values()) {
            failures.put(failure.name(), () -> redisFailureCount(failure));
        }
        reporting.counter("lintel_rate_limit_redis_failures_total",
                "Requests Redis could not count, by reason: unavailable (no connection), timeout"
                        + " (rateLimit.redis.timeoutMillis), budget (rateLimit.redis.maxInFlight), error",
                "reason", failures);
        Map<String, LongSupplier> decided = new LinkedHashMap<>();
        decided.put("Open", this::failedOpenCount);
        decided.put("Closed", this::failedClosedCount);
        reporting.counter("lintel_rate_limit_redis_fail_mode_total",
                "Requests Redis could not count, by the failMode that decided them: Open (let through uncounted),"
                        + " Closed (503)", "fail_mode", decided);
        reporting.gauge("lintel_rate_limit_redis_connections", "Connections to Redis open now (one per event loop"
                + " and Redis address)", this::redisConnectionCount);
        reporting.gauge("lintel_rate_limit_redis_unreachable", "Event loops whose Redis connection is down now"
                + " (their requests are decided by failMode)", redis::unreachableCount);
        reporting.readyDetail(redis::describe);
    }
}
