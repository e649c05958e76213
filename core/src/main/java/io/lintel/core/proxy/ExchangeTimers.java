package io.lintel.core.proxy;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The backend request timeout a filter may set on each attempt of an exchange (GEP-1742). On expiry it tells the
 * {@link Exchange} the timer was armed for, with the attempt, which ignores a timer that outlived it or its attempt.
 * (The request timeout, counted from the arrival of the request head, is the connection's {@link RequestDeadlines}.)
 *
 * <p>Created by a proxy handler the first time a filter sets a backend request timeout and reused by the connection's
 * later exchanges, so that exchanges without one pay nothing. Threading: everything, expiry included, runs on the
 * client channel's event loop.
 */
final class ExchangeTimers {

    private final EventExecutor executor;
    private ScheduledFuture<?> backendTimer;
    private Exchange backendOwner;
    private int backendAttempt;

    ExchangeTimers(EventExecutor executor) {
        this.executor = executor;
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

    /** Stops the attempt's timer (its response head arrived, the request timeout fired first, or it ended). */
    void cancelBackend() {
        ScheduledFuture<?> timer = backendTimer;
        if (timer != null) {
            backendTimer = null;
            backendOwner = null;
            timer.cancel(false);
        }
    }
}
