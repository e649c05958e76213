package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Passive health of backend endpoints (outlier detection): an endpoint whose requests fail {@code consecutiveFailures}
 * times in a row (connection refused or closed before an answer, an answer of 5xx) is ejected, picked by no backend,
 * for the base ejection time times the number of times it was ejected in a row (capped), after which it gets traffic
 * again; one success ends the row. A backend never leaves out more than {@code maxEjectionPercent} of its endpoints
 * ({@link CompiledBackend#pickEndpoint}): beyond that share every endpoint is picked again, as a gateway with no
 * healthy endpoint is worse than one that tries.
 *
 * <p>Shared by every event loop and backend (an endpoint's health is that of its address, whichever Service lists
 * it), and kept across configuration changes. Lock-free: counters are atomics, and only endpoints that failed
 * lately have an entry.
 */
public final class EndpointHealth {

    /** Consecutive failures that eject an endpoint; 0 turns passive health off. */
    public static final String CONSECUTIVE_FAILURES_PROPERTY = "lintel.outlier.consecutiveFailures";
    public static final int DEFAULT_CONSECUTIVE_FAILURES = 5;
    /** Seconds of a first ejection; the n-th ejection in a row lasts n times as long. */
    public static final String BASE_EJECTION_SECONDS_PROPERTY = "lintel.outlier.baseEjectionSeconds";
    public static final int DEFAULT_BASE_EJECTION_SECONDS = 30;
    /** The longest ejection, in seconds. */
    public static final String MAX_EJECTION_SECONDS_PROPERTY = "lintel.outlier.maxEjectionSeconds";
    public static final int DEFAULT_MAX_EJECTION_SECONDS = 300;
    /** The largest share of a backend's endpoints left out, in percent. */
    public static final String MAX_EJECTION_PERCENT_PROPERTY = "lintel.outlier.maxEjectionPercent";
    public static final int DEFAULT_MAX_EJECTION_PERCENT = 50;

    /** Health as every backend sees it when passive health is off and nothing checks actively: nothing is ever ejected. */
    public static final EndpointHealth OFF = new EndpointHealth(0, 1, 1, 0, System::nanoTime);

    private final int consecutiveFailures;
    private final long baseEjectionNanos;
    private final long maxEjectionNanos;
    private final int maxEjectionPercent;
    private final LongSupplier clock;
    private final ActiveEndpointHealth active;
    private final ConcurrentHashMap<InetSocketAddress, Outlier> outliers = new ConcurrentHashMap<>();
    /** Endpoints ejected now (or whose ejection has passed unseen): zero lets {@link #isEjected} skip the lookup. */
    private final AtomicInteger ejected = new AtomicInteger();

    /**
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    public EndpointHealth(int consecutiveFailures, long baseEjectionSeconds, long maxEjectionSeconds,
            int maxEjectionPercent, LongSupplier clock) {
        this(consecutiveFailures, baseEjectionSeconds, maxEjectionSeconds, maxEjectionPercent, clock,
                new ActiveEndpointHealth());
    }

    /** @param active what active checks report: an endpoint they find unhealthy is ejected too */
    public EndpointHealth(int consecutiveFailures, long baseEjectionSeconds, long maxEjectionSeconds,
            int maxEjectionPercent, LongSupplier clock, ActiveEndpointHealth active) {
        this.active = requireNonNull(active, "active");
        if (consecutiveFailures < 0 || baseEjectionSeconds < 1 || maxEjectionSeconds < baseEjectionSeconds
                || maxEjectionPercent < 0 || maxEjectionPercent > 100) {
            throw new IllegalArgumentException("invalid passive health settings: " + consecutiveFailures + " failures, "
                    + baseEjectionSeconds + "-" + maxEjectionSeconds + " s, " + maxEjectionPercent + "%");
        }
        this.consecutiveFailures = consecutiveFailures;
        this.baseEjectionNanos = TimeUnit.SECONDS.toNanos(baseEjectionSeconds);
        this.maxEjectionNanos = TimeUnit.SECONDS.toNanos(maxEjectionSeconds);
        this.maxEjectionPercent = maxEjectionPercent;
        this.clock = requireNonNull(clock, "clock");
    }

    /** From the {@code lintel.outlier.*} system properties (the settings file installs them), else the defaults. */
    public static EndpointHealth fromSystemProperties() {
        int failures = Integer.getInteger(CONSECUTIVE_FAILURES_PROPERTY, DEFAULT_CONSECUTIVE_FAILURES);
        if (failures == 0) {
            return OFF;
        }
        return new EndpointHealth(failures,
                Integer.getInteger(BASE_EJECTION_SECONDS_PROPERTY, DEFAULT_BASE_EJECTION_SECONDS),
                Integer.getInteger(MAX_EJECTION_SECONDS_PROPERTY, DEFAULT_MAX_EJECTION_SECONDS),
                Integer.getInteger(MAX_EJECTION_PERCENT_PROPERTY, DEFAULT_MAX_EJECTION_PERCENT), System::nanoTime);
    }

    /**
     * From the {@code lintel.outlier.*} system properties, with active checks' verdicts from {@code active}; passive
     * health off ({@code consecutiveFailures} 0) leaves active checks working, with the same share of endpoints.
     */
    public static EndpointHealth fromSystemProperties(ActiveEndpointHealth active) {
        return new EndpointHealth(Integer.getInteger(CONSECUTIVE_FAILURES_PROPERTY, DEFAULT_CONSECUTIVE_FAILURES),
                Integer.getInteger(BASE_EJECTION_SECONDS_PROPERTY, DEFAULT_BASE_EJECTION_SECONDS),
                Integer.getInteger(MAX_EJECTION_SECONDS_PROPERTY, DEFAULT_MAX_EJECTION_SECONDS),
                Integer.getInteger(MAX_EJECTION_PERCENT_PROPERTY, DEFAULT_MAX_EJECTION_PERCENT), System::nanoTime,
                active);
    }

    /** A request to {@code endpoint} got an answer that is not 5xx: its row of failures ends. */
    public void succeeded(BackendEndpoint endpoint) {
        if (consecutiveFailures == 0 || outliers.isEmpty()) {
            return;
        }
        Outlier outlier = outliers.get(endpoint.socketAddress());
        if (outlier != null && outlier.succeeded()) {
            outliers.remove(endpoint.socketAddress(), outlier);
        }
    }

    /** A request to {@code endpoint} failed: refused, closed before an answer, or answered 5xx. */
    public void failed(BackendEndpoint endpoint) {
        if (consecutiveFailures == 0) {
            return;
        }
        Outlier outlier = outliers.computeIfAbsent(endpoint.socketAddress(), address -> new Outlier());
        if (outlier.failed()) {
            ejected.incrementAndGet();
        }
    }

    /**
     * Whether {@code endpoint} is ejected now; an ejection that has passed is ended here. While no endpoint is ejected
     * (nearly always) this is one atomic read, with no lookup.
     */
    boolean isEjected(BackendEndpoint endpoint) {
        if (active.isDown(endpoint)) {
            return true;
        }
        if (ejected.get() == 0) {
            return false;
        }
        Outlier outlier = outliers.get(endpoint.socketAddress());
        if (outlier == null) {
            return false;
        }
        long until = outlier.ejectedUntil;
        if (until == 0) {
            return false;
        }
        if (clock.getAsLong() - until < 0) {
            return true;
        }
        if (outlier.endEjection(until)) {
            ejected.decrementAndGet();
        }
        return false;
    }

    /** The most endpoints of {@code total} that may be left out at once. */
    int maxEjected(int total) {
        return total * maxEjectionPercent / 100;
    }

    /** Endpoints ejected now, for {@code /metrics}. */
    public int ejectedCount() {
        return ejected.get();
    }

    /** One endpoint's row of failures and ejection; the fields change under its own lock (rarely contended). */
    private final class Outlier {
        private int failures;
        private int ejectionsInARow;
        /** {@link #clock} time the ejection ends; 0 when not ejected. Read without the lock by {@link #isEjected}. */
        private volatile long ejectedUntil;

        /** @return whether this failure ejected the endpoint */
        synchronized boolean failed() {
            if (ejectedUntil != 0) {
                return false; // a request that was in flight when it was ejected
            }
            if (++failures < consecutiveFailures) {
                return false;
            }
            failures = 0;
            ejectionsInARow++;
            long duration = Math.min(baseEjectionNanos * ejectionsInARow, maxEjectionNanos);
            long until = clock.getAsLong() + duration;
            ejectedUntil = until == 0 ? 1 : until;
            return true;
        }

        /** @return whether the endpoint is back to full health (its entry can go) */
        synchronized boolean succeeded() {
            failures = 0;
            if (ejectedUntil != 0) {
                return false; // a request that was in flight when it was ejected: the ejection stands
            }
            ejectionsInARow = 0;
            return true;
        }

        /** @return whether this call ended the ejection that was to end at {@code until} */
        synchronized boolean endEjection(long until) {
            if (ejectedUntil != until) {
                return false;
            }
            ejectedUntil = 0;
            return true;
        }
    }
}
