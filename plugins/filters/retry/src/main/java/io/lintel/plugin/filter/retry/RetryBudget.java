package io.lintel.plugin.filter.retry;

import static java.util.Objects.requireNonNull;

import java.util.function.LongSupplier;

/**
 * Limits the retries of one rule, so that retries cannot multiply the load on backends that are failing anyway:
 * retries are allowed at {@link #MIN_RETRIES_PER_SECOND} whatever the traffic, plus a fifth of a retry per request
 * ({@link #EARNED_PER_REQUEST}); unused allowance is saved up to {@code reserve} retries. In a total outage the
 * backends therefore see at most 20% more tries than requests, plus a few per second. Counted in thousandths of a
 * retry. Thread-safe (a short lock: one budget serves a rule on every event loop; nothing blocks inside it).
 */
final class RetryBudget {

    static final long COST = 1000;
    static final long EARNED_PER_REQUEST = 200;
    static final long MIN_RETRIES_PER_SECOND = 10;

    private final long max;
    private final LongSupplier nanoTime;
    private long balance;
    private long lastRefill;

    /** @param reserveRetries the retries allowed at once before any have been earned, and the most ever saved */
    RetryBudget(int reserveRetries, LongSupplier nanoTime) {
        this.max = reserveRetries * COST;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.balance = max;
        this.lastRefill = nanoTime.getAsLong();
    }

    RetryBudget(int reserveRetries) {
        this(reserveRetries, System::nanoTime);
    }

    synchronized void onRequest() {
        balance = Math.min(max, balance + EARNED_PER_REQUEST);
    }

    /** Spends one retry; false (spending nothing) when the budget cannot afford it. */
    synchronized boolean tryRetry() {
        long now = nanoTime.getAsLong();
        long elapsed = now - lastRefill;
        // MIN_RETRIES_PER_SECOND * COST thousandths per 1e9 ns; whole thousandths only, the rest stays for later
        long earned = elapsed / (1_000_000_000L / (MIN_RETRIES_PER_SECOND * COST));
        if (earned > 0) {
            balance = Math.min(max, balance + earned);
            lastRefill = now;
        }
        if (balance < COST) {
            return false;
        }
        balance -= COST;
        return true;
    }
}
