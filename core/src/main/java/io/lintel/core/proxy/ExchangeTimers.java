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
    /** Fires at {@link #requestTimerAt} at the latest; may outlive the exchange it was scheduled for (see below). */
    private ScheduledFuture<?> requestTimer;
    private long requestTimerAt;
    private Exchange requestOwner;
    private long requestDeadline;
    private ScheduledFuture<?> backendTimer;
    private Exchange backendOwner;
    private int backendAttempt;

    ExchangeTimers(EventExecutor executor) {
        this.executor = executor;
    }

    /**
     * Starts the request timer of {@code exchange}, counted from {@code startNanos} (the arrival of the request head),
     * unless it runs already; no timer when {@code timeoutNanos} is not positive.
     *
     * <p>The request timer is lazy: arming sets a deadline, and a scheduled task already due no later than it stays
     * (when it fires before the deadline it schedules itself again for the rest); cancelling only clears the deadline.
     * With the default request timeout every request on a keep-alive connection arms and cancels it, and a schedule
     * plus a cancel in the event loop's task queue per request cost ~1 µs of a ~16 µs proxied request.
     */
    void armRequest(Exchange exchange, long startNanos, long timeoutNanos) {
        if (timeoutNanos <= 0 || requestOwner == exchange) {
            return;
        }
        requestOwner = exchange;
        // in the event loop's time (its ticker: System.nanoTime in production, a test's clock in EmbeddedChannel)
        long now = executor.ticker().nanoTime();
        requestDeadline = now + Math.max(0, timeoutNanos - (System.nanoTime() - startNanos));
        if (requestTimer == null || requestTimerAt - requestDeadline > 0) {
            if (requestTimer != null) {
                requestTimer.cancel(false);
            }
            scheduleRequestTimer(requestDeadline);
        }
    }

    private void scheduleRequestTimer(long at) {
        requestTimerAt = at;
        requestTimer = executor.schedule(this::requestTimerFired, Math.max(0, at - executor.ticker().nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    private void requestTimerFired() {
        requestTimer = null;
        Exchange owner = requestOwner;
        if (owner == null) {
            return;
        }
        if (executor.ticker().nanoTime() - requestDeadline < 0) {
            scheduleRequestTimer(requestDeadline);
            return;
        }
        requestOwner = null;
        owner.onRequestTimeout();
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

    /** The connection closed: no task of it stays in the event loop's queue. */
    void close() {
        cancelAll();
        ScheduledFuture<?> timer = requestTimer;
        if (timer != null) {
            requestTimer = null;
            timer.cancel(false);
        }
    }

    /** Clears the request deadline; the scheduled task, if any, stays for the connection's next exchange. */
    private void cancelRequest() {
        requestOwner = null;
    }
}
