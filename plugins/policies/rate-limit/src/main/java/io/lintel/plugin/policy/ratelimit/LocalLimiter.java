package io.lintel.plugin.policy.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.KeyType;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One limit of one rule, counted in this process in fixed windows: a single {@link WindowCounter} for a limit of key
 * type None, else one counter per key in a Caffeine cache bounded to {@code maxKeys} keys (beyond it the key least
 * worth keeping by W-TinyLFU is forgotten, so a flood of new keys does not push out busy ones) whose keys expire after
 * a window without requests (their count would be reset by the next window anyway).
 *
 * <p>A key already tracked costs a lock-free cache read and one compare-and-set; a new key is inserted by Caffeine
 * (a short per-bin lock of its hash map). Caffeine's maintenance (replaying reads into its frequency sketch, expiry,
 * eviction) runs on the event loop that fills a buffer, amortised, under a lock that a read only tries: handed to the
 * common pool, as by default, it woke a pool thread several hundred times a second under load (a futex wake and a
 * context switch each time, on the cores the event loops need), which cost more than the work itself.
 */
final class LocalLimiter {

    private final Limit limit;
    private final FixedWindow window;
    private final WindowCounter single;
    private final Cache<Object, WindowCounter> counters;

    LocalLimiter(Limit limit, int maxKeys, Clock clock) {
        this.limit = limit;
        this.window = new FixedWindow(limit.unit().window().toMillis());
        if (limit.key() == KeyType.None) {
            this.single = new WindowCounter();
            this.counters = null;
        } else {
            this.single = null;
            Duration idle = limit.unit().window();
            this.counters = Caffeine.newBuilder()
                    .maximumSize(maxKeys)
                    .expireAfterAccess(idle.toNanos(), TimeUnit.NANOSECONDS)
                    .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                    .executor(Runnable::run)
                    .build();
        }
    }

    Limit limit() {
        return limit;
    }

    FixedWindow window() {
        return window;
    }

    /** Counts one request of {@code key}: the requests left in the window after it, or -1 when it is refused. */
    int acquire(Object key, long nowMillis) {
        return counter(key).acquire(window.index(nowMillis), limit.requests());
    }

    /** The requests left for {@code key} in the current window, without counting one. */
    int remaining(Object key, long nowMillis) {
        WindowCounter counter = single != null ? single : counters.getIfPresent(key);
        return counter == null ? limit.requests() : counter.remaining(window.index(nowMillis), limit.requests());
    }

    /** Keys tracked now (after pending evictions and expiries are applied). */
    long trackedKeys() {
        if (counters == null) {
            return 1;
        }
        counters.cleanUp();
        return counters.estimatedSize();
    }

    private WindowCounter counter(Object key) {
        if (single != null) {
            return single;
        }
        // Caffeine reads an existing key without locking; the non-capturing lambda is one shared instance
        return counters.get(key, ignored -> new WindowCounter());
    }
}
