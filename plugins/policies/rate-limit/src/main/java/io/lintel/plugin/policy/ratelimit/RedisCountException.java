package io.lintel.plugin.policy.ratelimit;

import io.lintel.plugin.policy.ratelimit.RateLimitMetrics.RedisFailure;

/** Redis could not count a request; {@link #failure()} says why. Without a stack trace: it is an expected outcome. */
final class RedisCountException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RedisFailure failure;

    RedisCountException(RedisFailure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    RedisFailure failure() {
        return failure;
    }
}
