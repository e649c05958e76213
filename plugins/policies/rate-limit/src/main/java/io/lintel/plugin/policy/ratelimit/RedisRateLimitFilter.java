package io.lintel.plugin.policy.ratelimit;

import io.lintel.plugin.policy.ratelimit.RateLimitMetrics.RedisFailure;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.FailMode;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.RuleRef;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RateLimitPolicy counted in Redis ({@code store.type: Redis}), for one rule, so that every Lintel process using that
 * Redis enforces one limit together. Each request costs one round trip on its event loop's connection: for each limit
 * {@code INCR} of the key {@code lintel:rl:<policy>:<rule>:<limit>:<window>:<key>} and {@code PEXPIRE} to the window's
 * end, pipelined; the request is refused when a count passes its limit. When Redis cannot answer in time (down, slow,
 * too many counts waiting), {@code failMode} decides: Open lets the request through without fields, Closed answers
 * 503.
 */
final class RedisRateLimitFilter implements HttpFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimitFilter.class);

    private final List<Limit> limits;
    private final FixedWindow[] windows;
    private final String[] keyPrefixes;
    private final RateLimitSpec.Store store;
    private final RateLimitHeaders headers;
    private final Clock clock;
    private final RedisStores redis;
    private final ConcurrentMap<EventLoop, RedisConnection> connections;
    private final RateLimitMetrics metrics;

    RedisRateLimitFilter(RateLimitSpec spec, RuleRef rule, RateLimitHeaders headers, Clock clock, RedisStores redis,
            RateLimitMetrics metrics) {
        this.limits = spec.limits();
        this.windows = new FixedWindow[limits.size()];
        this.keyPrefixes = new String[limits.size()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new FixedWindow(limits.get(i).unit().window().toMillis());
            // the rule is part of the key, as with the local store: two rules never share a count
            keyPrefixes[i] = "lintel:rl:" + spec.policy() + ":" + rule.kind() + "/" + rule.namespace() + "/"
                    + rule.name() + "/" + rule.index() + ":" + i + ":";
        }
        this.store = spec.store();
        this.headers = headers;
        this.clock = clock;
        this.redis = redis;
        this.connections = redis.store(store);
        this.metrics = metrics;
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        HttpRequestContext context = next.context();
        long now = clock.millis();
        if (!(context.eventLoop() instanceof EventLoop loop)) {
            LOG.debug("not on a Netty event loop; Redis cannot be asked");
            return failed(request, next, new RedisCountException(RedisFailure.unavailable, "no event loop"));
        }
        String[] keys = new String[windows.length];
        long[] ttls = new long[windows.length];
        for (int i = 0; i < keys.length; i++) {
            Object key = LimitKeys.keyOf(limits.get(i), request, context);
            keys[i] = keyPrefixes[i] + windows[i].index(now) + ":" + LimitKeys.text(key);
            ttls[i] = windows[i].millisToEnd(now) + 1_000; // a second more: processes' clocks differ a little
        }
        return redis.connection(store, connections, loop).count(keys, ttls)
                .handle((counts, failure) -> failure != null ? failed(request, next, failure)
                        : decide(request, next, counts, now))
                .thenCompose(stage -> stage);
    }

    private CompletionStage<HttpResponseHead> decide(HttpRequestHead request, HttpNext next, long[] counts, long now) {
        StringBuilder fields = headers.newRateLimitValue();
        long retryAfter = 0;
        for (int i = 0; i < counts.length; i++) {
            int requests = limits.get(i).requests();
            if (counts[i] > requests) {
                retryAfter = Math.max(retryAfter, windows[i].secondsToEnd(now));
            }
            headers.appendItem(fields, i, Math.max(0, requests - counts[i]), windows[i].secondsToEnd(now));
        }
        if (retryAfter > 0) {
            metrics.limited();
            return CompletableFuture.completedFuture(headers.limited(next, request, fields, retryAfter));
        }
        metrics.allowed();
        if (!headers.onAllowed()) {
            return next.proceed(request);
        }
        return next.proceed(request).thenApply(response -> headers.decorate(response, fields));
    }

    private CompletionStage<HttpResponseHead> failed(HttpRequestHead request, HttpNext next, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        RedisFailure reason = cause instanceof RedisCountException count ? count.failure() : RedisFailure.error;
        boolean open = store.failMode() == FailMode.Open;
        metrics.redisFailure(reason, open);
        return open ? next.proceed(request)
                : CompletableFuture.completedFuture(headers.unavailable(next, request));
    }
}
