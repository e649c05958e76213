package io.lintel.plugin.policy.ratelimit;

import io.lintel.plugin.policy.ratelimit.RateLimitMetrics.RedisFailure;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import java.util.concurrent.CompletableFuture;

/**
 * One request's counts on their way through a {@link RedisConnection}: for each key an {@code INCR} and a
 * {@code PEXPIRE}, sent together, so {@code 2 × keys} replies come back in order. Completed once: by its replies, or
 * earlier by its deadline or the connection's loss, in which case its replies (if it was sent) are still read and
 * dropped to keep the pipeline in step. Confined to the connection's event loop.
 */
final class PendingCount {

    final String[] keys;
    final long[] ttlMillis;
    final long deadlineNanos;
    private final CompletableFuture<long[]> result;
    private final long[] counts;
    private int replies;
    private boolean failedByRedis;
    private boolean done;

    PendingCount(String[] keys, long[] ttlMillis, long deadlineNanos, CompletableFuture<long[]> result) {
        this.keys = keys;
        this.ttlMillis = ttlMillis;
        this.deadlineNanos = deadlineNanos;
        this.result = result;
        this.counts = new long[keys.length];
    }

    boolean done() {
        return done;
    }

    /** Takes the next reply; true when it was the last one this count waits for. */
    boolean accept(RedisMessage reply) {
        int index = replies++;
        if (reply instanceof ErrorRedisMessage) {
            failedByRedis = true;
        } else if (index % 2 == 0) {
            if (reply instanceof IntegerRedisMessage count) {
                counts[index / 2] = count.value();
            } else {
                failedByRedis = true;
            }
        }
        if (replies < 2 * keys.length) {
            return false;
        }
        if (failedByRedis) {
            fail(RedisFailure.error, "Redis answered an error");
        } else if (!done) {
            done = true;
            result.complete(counts);
        }
        return true;
    }

    void fail(RedisFailure failure, String message) {
        if (!done) {
            done = true;
            result.completeExceptionally(new RedisCountException(failure, message));
        }
    }
}
