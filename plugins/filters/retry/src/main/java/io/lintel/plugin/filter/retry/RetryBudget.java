package io.lintel.plugin.filter.retry;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Limits the retries of one rule, so that retries cannot multiply the load on backends that are failing anyway:
 * retries are allowed at {@link #MIN_RETRIES_PER_SECOND} whatever the traffic, plus a fifth of a retry per request
 * ({@link #EARNED_PER_REQUEST}); unused allowance is saved up to {@code reserve} retries. In a total outage the
 * backends therefore see at most 20% more tries than requests, plus a few per second. Counted in thousandths of a
 * retry.
 *
 * <p>Lock-free, because one budget serves a rule on every event loop: a request only increments a striped counter
 * ({@link LongAdder}, no shared cache line between loops); a retry, which is rare, moves those requests' earnings
 * and the time's into the balance and spends from it with compare-and-set. Crediting late gives the same balance as
 * crediting at once: earnings only add, so capping at the reserve once at the end equals capping after each one.
 */
final class RetryBudget {

    static final long COST = 1000;
    static final long EARNED_PER_REQUEST = 200;
    static final long MIN_RETRIES_PER_SECOND = 10;
    // MIN_RETRIES_PER_SECOND * COST thousandths per second: one thousandth per this many nanoseconds
    private static final long NANOS_PER_THOUSANDTH = 1_000_000_000L / (MIN_RETRIES_PER_SECOND * COST);

    private final long max;
    private final LongSupplier nanoTime;
    private final LongAdder requests = new LongAdder();
    private final AtomicLong balance;
    private final AtomicLong lastRefill;

    /** @param reserveRetries the retries allowed at once before any have been earned, and the most ever saved */
    RetryBudget(int reserveRetries, LongSupplier nanoTime) {
        this.max = reserveRetries * COST;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.balance = new AtomicLong(max);
        this.lastRefill = new AtomicLong(nanoTime.getAsLong());
    }

    RetryBudget(int reserveRetries) {
        this(reserveRetries, System::nanoTime);
    }

    void onRequest() {
        requests.increment();
    }

    /** Spends one retry; false (spending nothing) when the budget cannot afford it. */
    boolean tryRetry() {
        // sumThenReset takes each stripe with getAndSet: a request counted concurrently lands here or in the next one
        long earned = requests.sumThenReset() * EARNED_PER_REQUEST + earnedByTime();
        if (earned > 0) {
            balance.accumulateAndGet(earned, (current, add) -> Math.min(max, current + add));
        }
        while (true) {
            long current = balance.get();
            if (current < COST) {
                return false;
            }
            if (balance.compareAndSet(current, current - COST)) {
                return true;
            }
        }
    }

    /**
     * The whole thousandths earned since the last refill, claimed by moving the refill time forward by exactly the
     * time they stand for (the rest stays for later); when retries race, only the one whose claim succeeds is
     * credited, so no interval is credited twice.
     */
    private long earnedByTime() {
        long last = lastRefill.get();
        long earned = (nanoTime.getAsLong() - last) / NANOS_PER_THOUSANDTH;
        if (earned <= 0) {
            return 0;
        }
        return lastRefill.compareAndSet(last, last + earned * NANOS_PER_THOUSANDTH) ? earned : 0;
    }
}
