package io.lintel.plugin.policy.ratelimit;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

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
}
