package io.lintel.core.proxy;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The two timeouts a filter may set on an exchange (GEP-1742): the request timeout, counted from the arrival of the
 * request head to the response head, and the backend request timeout of each attempt. On expiry it tells the
 * {@link ProxyHandler}, naming the exchange (and attempt) the timer was armed for so that a late timer of an earlier
 * exchange or attempt is told apart.
 *
 * <p>Created by a proxy handler the first time a filter sets a timeout, so that exchanges without timeouts pay
 * nothing. Threading: everything, expiry included, runs on the client channel's event loop.
 */
final class ExchangeTimers {

    private final EventExecutor executor;
    private final ProxyHandler expiry;
    private ScheduledFuture<?> requestTimer;
    private ScheduledFuture<?> backendTimer;

    ExchangeTimers(EventExecutor executor, ProxyHandler expiry) {
        this.executor = executor;
        this.expiry = expiry;
    }

    /**
     * Starts the request timer of exchange {@code exchangeId}, counted from {@code startNanos} (the arrival of the
     * request head), unless it runs already; no timer when {@code timeoutNanos} is not positive.
     */
    void armRequest(int exchangeId, long startNanos, long timeoutNanos) {
        if (timeoutNanos <= 0 || requestTimer != null) {
            return;
        }
        long remaining = Math.max(0, timeoutNanos - (System.nanoTime() - startNanos));
        requestTimer = executor.schedule(() -> {
            requestTimer = null;
            expiry.onRequestTimeout(exchangeId);
        }, remaining, TimeUnit.NANOSECONDS);
    }

    /** Starts the timer of an attempt, replacing the previous attempt's; none when the timeout is not positive. */
    void armBackend(int exchangeId, int attempt, long timeoutNanos) {
        cancelBackend();
        if (timeoutNanos <= 0) {
            return;
        }
        backendTimer = executor.schedule(() -> {
            backendTimer = null;
            expiry.onBackendTimeout(exchangeId, attempt);
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the attempt's timer (its response head arrived, or the request timeout fired first). */
    void cancelBackend() {
        ScheduledFuture<?> timer = backendTimer;
        if (timer != null) {
            backendTimer = null;
            timer.cancel(false);
        }
    }

    /** Stops both timers: the response has started, or the exchange ended. */
    void cancelAll() {
        cancelBackend();
        ScheduledFuture<?> timer = requestTimer;
        if (timer != null) {
            requestTimer = null;
            timer.cancel(false);
        }
    }
}
