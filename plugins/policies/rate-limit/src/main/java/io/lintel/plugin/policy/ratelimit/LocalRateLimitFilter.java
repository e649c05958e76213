package io.lintel.plugin.policy.ratelimit;

import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A RateLimitPolicy counted in this process ({@code store.type: Local}), for one rule: every request is counted
 * against each limit (one {@link LocalLimiter} per limit) and refused when one of them has no room left in its
 * window. Runs on the exchange's event loop without locks; with {@code rateLimit.headersOnAllowed} off, an admitted
 * request allocates nothing here.
 */
final class LocalRateLimitFilter implements HttpFilter {

    private final LocalLimiter[] limiters;
    private final RateLimitHeaders headers;
    private final Clock clock;
    private final RateLimitMetrics metrics;

    LocalRateLimitFilter(RateLimitSpec spec, RateLimitHeaders headers, Clock clock, int maxKeys,
            RateLimitMetrics metrics) {
        List<Limit> limits = spec.limits();
        this.limiters = new LocalLimiter[limits.size()];
        for (int i = 0; i < limiters.length; i++) {
            limiters[i] = new LocalLimiter(limits.get(i), maxKeys, clock);
        }
        this.headers = headers;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        HttpRequestContext context = next.context();
        long now = clock.millis();
        StringBuilder fields = headers.onAllowed() ? headers.newRateLimitValue() : null;
        long retryAfter = 0;
        for (int i = 0; i < limiters.length; i++) {
            LocalLimiter limiter = limiters[i];
            int remaining = limiter.acquire(LimitKeys.keyOf(limiter.limit(), request, context), now);
            if (remaining < 0) {
                retryAfter = Math.max(retryAfter, limiter.window().secondsToEnd(now));
            }
            if (fields != null) {
                headers.appendItem(fields, i, Math.max(remaining, 0), limiter.window().secondsToEnd(now));
            }
        }
        if (retryAfter > 0) {
            metrics.limited();
            return CompletableFuture.completedFuture(
                    headers.limited(next, request, fields != null ? fields : currentFields(request, context, now),
                            retryAfter));
        }
        metrics.allowed();
        if (fields == null) {
            return next.proceed(request);
        }
        return next.proceed(request).thenApply(response -> headers.decorate(response, fields));
    }

    /** The {@code RateLimit} value as the counts stand, for a refusal when allowed responses carry no fields. */
    private StringBuilder currentFields(HttpRequestHead request, HttpRequestContext context, long now) {
        StringBuilder fields = headers.newRateLimitValue();
        for (int i = 0; i < limiters.length; i++) {
            LocalLimiter limiter = limiters[i];
            headers.appendItem(fields, i, limiter.remaining(LimitKeys.keyOf(limiter.limit(), request, context), now),
                    limiter.window().secondsToEnd(now));
        }
        return fields;
    }
}
