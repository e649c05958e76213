package io.lintel.core.inject;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the heap's free-space bounds from start-up to steady state once the first configuration is served. While
 * the first configuration is read and translated the heap grows from its small initial size to what the
 * configuration needs; with a steady state's tight bounds (at most 30% free) it grew in small steps, each a full
 * collection: at 10 000 routes 23 of them, 2 s of the start. The launcher starts with loose bounds
 * ({@code -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70}) and names the steady ones in the system property
 * {@value #PROPERTY} ({@code min,max}); both flags are manageable, so they are set here, and one collection gives back
 * what the start-up bounds kept. Without the property (a collector chosen in {@code LINTEL_OPTS}, tests) nothing
 * happens.
 */
final class SteadyHeap {

    static final String PROPERTY = "lintel.heap.steadyFreeRatios";
    private static final Logger log = LoggerFactory.getLogger(SteadyHeap.class);

    private boolean done;

    /** Applies the steady bounds, once, after the first configuration is served (called on the control thread). */
    void firstConfigurationServed() {
        if (done) {
            return;
        }
        done = true;
        String ratios = System.getProperty(PROPERTY);
        if (ratios == null) {
            return;
        }
        String[] parts = ratios.split(",");
        if (parts.length != 2) {
            log.warn("-D{}={}: expected min,max (e.g. 10,30); heap bounds left as started", PROPERTY, ratios);
            return;
        }
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            // min first: lowering it keeps min <= max, which the JVM requires at every step
            vm.setVMOption("MinHeapFreeRatio", parts[0].trim());
            vm.setVMOption("MaxHeapFreeRatio", parts[1].trim());
            long before = Runtime.getRuntime().totalMemory();
            System.gc(); // gives back what the start-up bounds kept, now rather than at some later full collection
            log.debug("Heap bounds now {}; heap {} -> {} MB", ratios, before >> 20,
                    Runtime.getRuntime().totalMemory() >> 20);
        } catch (RuntimeException e) {
            log.warn("Could not set the steady heap bounds {}: {}", ratios, e.toString());
        }
    }
}
