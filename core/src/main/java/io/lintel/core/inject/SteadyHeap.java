package io.lintel.core.inject;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the heap near what the served configuration needs.
 *
 * <p><b>Start-up to steady state.</b> While the first configuration is read and translated the heap grows from its
 * small initial size to what the configuration needs; with a steady state's tight bounds (at most 30% free) it grew in
 * small steps, each a full collection: at 10 000 routes 23 of them, 2 s of the start. The launcher starts with loose
 * bounds ({@code -XX:MinHeapFreeRatio=70 -XX:MaxHeapFreeRatio=90}) and names the steady ones in the system property
 * {@value #PROPERTY} ({@code min,max}); both flags are manageable, so they are set here once the first configuration
 * is served, and one collection gives back what the start-up bounds kept. That collection is a pause of the whole
 * process (~0.3 s at 10 000 routes, ~1.7 s at 50 000), so with a large heap it runs {@value #SETTLE_SECONDS} s after
 * the last served configuration on a thread of its own, like the checks below: run on the control thread right after
 * the first configuration was swapped in, it held up the first requests served (and a change arriving at once). With
 * less than {@value #SMALL_HEAP_MB} MB in use it runs at once, still on its own thread: its pause is then a few
 * milliseconds, and what it gives back (~7 MB resident with the bench's configuration: pages the start-up touched
 * above what stays live) no longer adds to the peak while the JIT compiles the request path under the first load.
 * Without the property (a collector chosen in {@code LINTEL_OPTS}, tests) the bounds stay as started.
 *
 * <p><b>After a large change.</b> A change that replaces much of the configuration holds the old and the new one at
 * once while it is translated; the old generation grows to hold both, and the serial collector gives memory back
 * only at a full collection, which a proxy under load (short-lived objects, young collections only) may never reach:
 * at 10 000 routes a full replacement left ~150 MB of the heap committed and unused for good. So when a served
 * configuration leaves the heap more than {@value #GROWTH_PROPERTY} (default {@value #DEFAULT_GROWTH}) times its
 * size after the last such collection, and at least {@value #MIN_GROWTH_MB} MB larger, one collection runs (a pause
 * of the data plane proportional to the live configuration: ~0.1–0.3 s at 10 000 routes, logged; a small change
 * never triggers it). The check runs {@value #SETTLE_SECONDS} s after the last served configuration, on a thread of its
 * own: right after a change the sources and the store may still hold what it replaced. {@code -Dlintel.heap.trimAfterGrowth=0} turns this off; like the steady bounds, it is only done
 * with the launcher's collector ({@value #PROPERTY} set).
 */
final class SteadyHeap {

    static final String PROPERTY = "lintel.heap.steadyFreeRatios";
    static final String GROWTH_PROPERTY = "lintel.heap.trimAfterGrowth";
    static final String DEFAULT_GROWTH = "1.25";
    static final long MIN_GROWTH_MB = 32;
    static final long SETTLE_SECONDS = 3;
    static final long SMALL_HEAP_MB = 64;
    private static final Logger log = LoggerFactory.getLogger(SteadyHeap.class);

    private final LongSupplier committedHeap;
    private final LongSupplier usedHeap;
    private final Runnable collect;
    private final double growthFactor;
    private final String steadyRatios;
    private final BiConsumer<String, String> freeRatios;
    private boolean firstDone;
    /** The steady bounds were set and no collection has applied them yet. */
    private boolean steadyCollectionDue;
    private long baseline;
    private ScheduledExecutorService trimThread;
    private ScheduledFuture<?> pendingCheck;

    SteadyHeap() {
        // only with the launcher's collector: one chosen in LINTEL_OPTS (or a test's) sizes its heap its own way
        this(() -> Runtime.getRuntime().totalMemory(),
                () -> Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory(), System::gc,
                System.getProperty(PROPERTY) == null ? 0 : growthFactorProperty(), System.getProperty(PROPERTY),
                SteadyHeap::setFreeRatios);
    }

    SteadyHeap(LongSupplier committedHeap, Runnable collect, double growthFactor) {
        this(committedHeap, committedHeap, collect, growthFactor, null, (min, max) -> { });
    }

    /**
     * @param steadyRatios {@code min,max} to set once the first configuration is served, or null to leave the bounds
     * @param freeRatios sets the JVM's {@code MinHeapFreeRatio} and {@code MaxHeapFreeRatio}
     */
    SteadyHeap(LongSupplier committedHeap, LongSupplier usedHeap, Runnable collect, double growthFactor,
            String steadyRatios, BiConsumer<String, String> freeRatios) {
        this.committedHeap = committedHeap;
        this.usedHeap = usedHeap;
        this.collect = collect;
        this.growthFactor = growthFactor;
        this.steadyRatios = steadyRatios;
        this.freeRatios = freeRatios;
    }

    /** Called on the control thread after each configuration the data plane serves. */
    synchronized void configurationServed() {
        if (!firstDone) {
            firstDone = true;
            baseline = committedHeap.getAsLong();
            steadyCollectionDue = applySteadyBounds();
        }
        if (growthFactor <= 0 && !steadyCollectionDue) {
            return;
        }
        if (trimThread == null) {
            trimThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lintel-heap-trim");
                thread.setDaemon(true);
                return thread;
            });
        }
        if (pendingCheck != null) {
            pendingCheck.cancel(false);
        }
        pendingCheck = trimThread.schedule(this::trimIfGrown, settleSeconds(steadyCollectionDue, usedHeap.getAsLong()),
                TimeUnit.SECONDS);
    }

    /** How long the next check waits: at once for the steady collection of a small heap, else the settling time. */
    static long settleSeconds(boolean steadyCollectionDue, long usedHeapBytes) {
        return steadyCollectionDue && usedHeapBytes < (SMALL_HEAP_MB << 20) ? 0 : SETTLE_SECONDS;
    }

    /**
     * Collects once when the steady bounds were set and not yet applied by a collection, or when the heap grew past
     * the factor since the last collection here.
     */
    synchronized void trimIfGrown() {
        long committed = committedHeap.getAsLong();
        if (steadyCollectionDue) {
            steadyCollectionDue = false;
            long started = System.nanoTime();
            collect.run(); // gives back what the start-up bounds kept, now rather than at some later full collection
            baseline = committedHeap.getAsLong();
            log.info("Heap bounds now {} (steady state); one collection brought the heap from {} to {} MB in {} ms",
                    steadyRatios, committed >> 20, baseline >> 20,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
            return;
        }
        if (growthFactor <= 0 || committed < baseline * growthFactor || committed - baseline < (MIN_GROWTH_MB << 20)) {
            return;
        }
        long started = System.nanoTime();
        collect.run();
        baseline = committedHeap.getAsLong();
        log.info("Heap grew to {} MB during a large change; one collection brought it to {} MB in {} ms",
                committed >> 20, baseline >> 20,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
    }

    /** Sets the steady bounds, if any; true when they were set (and a collection should apply them). */
    private boolean applySteadyBounds() {
        if (steadyRatios == null) {
            return false;
        }
        String[] parts = steadyRatios.split(",");
        if (parts.length != 2) {
            log.warn("-D{}={}: expected min,max (e.g. 10,30); heap bounds left as started", PROPERTY, steadyRatios);
            return false;
        }
        try {
            freeRatios.accept(parts[0].trim(), parts[1].trim());
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not set the steady heap bounds {}: {}", steadyRatios, e.toString());
            return false;
        }
    }

    private static void setFreeRatios(String min, String max) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        // min first: lowering it keeps min <= max, which the JVM requires at every step
        vm.setVMOption("MinHeapFreeRatio", min);
        vm.setVMOption("MaxHeapFreeRatio", max);
    }

    /** {@value #GROWTH_PROPERTY} as a factor (0: off); a wrong value is reported and the default used. */
    static double growthFactorProperty() {
        String value = System.getProperty(GROWTH_PROPERTY, DEFAULT_GROWTH);
        try {
            double factor = Double.parseDouble(value.trim());
            if (factor == 0 || factor > 1) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        log.warn("-D{}={}: expected 0 (off) or a factor > 1; using {}", GROWTH_PROPERTY, value, DEFAULT_GROWTH);
        return Double.parseDouble(DEFAULT_GROWTH);
    }
}
