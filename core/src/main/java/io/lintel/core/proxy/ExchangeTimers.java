package io.lintel.core.proxy;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The two timeouts a filter may set on an exchange (GEP-1742): the request timeout, counted from the arrival of the
 * request head to the response head, and the backend request timeout of each attempt. On expiry it tells the
 * {@link Exchange} the timer was armed for (and the attempt), which ignores a timer that outlived it or its attempt;
 * such a timer leaves the timers of the exchange or attempt armed since alone.
 *
 * <p>Created by a proxy handler the first time a filter sets a timeout and reused by the connection's later
 * exchanges, so that exchanges without timeouts pay nothing. Threading: everything, expiry included, runs on the
 * client channel's event loop.
 */
final class ExchangeTimers {

    private final EventExecutor executor;
    private ScheduledFuture<?> requestTimer;
    private Exchange requestOwner;
    private ScheduledFuture<?> backendTimer;
    private Exchange backendOwner;
    private int backendAttempt;

    ExchangeTimers(EventExecutor executor) {
        this.executor = executor;
    }

    /**
     * Starts the request timer of {@code exchange}, counted from {@code startNanos} (the arrival of the request head),
     * unless it runs already; no timer when {@code timeoutNanos} is not positive.
     */
    void armRequest(Exchange exchange, long startNanos, long timeoutNanos) {
        if (timeoutNanos <= 0 || requestTimer != null && requestOwner == exchange) {
            return;
        }
        cancelRequest();  // an earlier exchange's, should it have been left running
        long remaining = Math.max(0, timeoutNanos - (System.nanoTime() - startNanos));
        requestOwner = exchange;
        requestTimer = executor.schedule(() -> {
            if (requestOwner == exchange) {
                requestTimer = null;
                requestOwner = null;
            }
            exchange.onRequestTimeout();
        }, remaining, TimeUnit.NANOSECONDS);
    }

    /** Starts the timer of an attempt, replacing the previous attempt's; none when the timeout is not positive. */
    void armBackend(Exchange exchange, int attempt, long timeoutNanos) {
        cancelBackend();
        if (timeoutNanos <= 0) {
            return;
        }
        backendOwner = exchange;
        backendAttempt = attempt;
        backendTimer = executor.schedule(() -> {
            if (backendOwner == exchange && backendAttempt == attempt) {
                backendTimer = null;
                backendOwner = null;
            }
            exchange.onBackendTimeout(attempt);
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the attempt's timer (its response head arrived, or the request timeout fired first). */
    void cancelBackend() {
        ScheduledFuture<?> timer = backendTimer;
        if (timer != null) {
            backendTimer = null;
            backendOwner = null;
            timer.cancel(false);
        }
    }

    /** Stops both timers: the response has started, or the exchange ended. */
    void cancelAll() {
        cancelBackend();
        cancelRequest();
    }

    private void cancelRequest() {
        ScheduledFuture<?> timer = requestTimer;
        if (timer != null) {
            requestTimer = null;
            requestOwner = null;
            timer.cancel(false);
        }
    }
}
