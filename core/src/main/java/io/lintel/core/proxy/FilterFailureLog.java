package io.lintel.core.proxy;

import io.lintel.spi.filter.HttpFilter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a filter that broke its contract (threw, returned no stage, completed with a head core cannot send) at WARN,
 * naming the rule and the filter, at most once per {@link #INTERVAL_SECONDS} seconds for the whole process: a
 * broken filter fails every request of its rule, and the log must not grow with the traffic. What is suppressed is
 * counted in the next WARN and logged at DEBUG. Thread-safe and lock-free; allocates nothing when suppressed and
 * DEBUG is off.
 */
final class FilterFailureLog {

    static final long INTERVAL_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(FilterFailureLog.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);
    private static final AtomicLong NEXT_WARN = new AtomicLong(System.nanoTime());
    private static final AtomicLong SUPPRESSED = new AtomicLong();

    private FilterFailureLog() {}

    /**
     * @param rule the rule whose chain ran the filter
     * @param filter the filter, or null when the failure is not one filter's
     * @param what what went wrong, e.g. "threw"; the request is answered 500
     * @param cause the exception, or null
     */
    static void failed(String rule, HttpFilter filter, String what, Throwable cause) {
        long now = System.nanoTime();
        long next = NEXT_WARN.get();
        String name = filter == null ? "-" : filter.getClass().getName();
        if (now - next >= 0 && NEXT_WARN.compareAndSet(next, now + INTERVAL_NANOS)) {
            long suppressed = SUPPRESSED.getAndSet(0);
            LOG.warn("{}: filter {} {}; the request is answered 500 (similar failures logged at most every {} s, "
                    + "{} suppressed since the last)", rule, name, what, INTERVAL_SECONDS, suppressed, cause);
            return;
        }
        SUPPRESSED.incrementAndGet();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: filter {} {}; the request is answered 500", rule, name, what, cause);
        }
    }
}
