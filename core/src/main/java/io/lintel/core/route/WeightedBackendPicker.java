package io.lintel.core.route;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a backend in proportion to the weights: a random point in the cumulative weights. A backend of weight 0
 * is never picked. Immutable and thread-safe.
 */
public final class WeightedBackendPicker {

    private final CompiledBackend[] backends;
    private final int[] cumulative;
    private final int total;

    public WeightedBackendPicker(List<CompiledBackend> candidates) {
        List<CompiledBackend> positive = new ArrayList<>();
        for (CompiledBackend backend : candidates) {
            if (backend.weight() > 0) {
                positive.add(backend);
            }
        }
        backends = positive.toArray(new CompiledBackend[0]);
        cumulative = new int[backends.length];
        long sum = 0;
        for (int i = 0; i < backends.length; i++) {
            sum += backends[i].weight();
            if (sum > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("backend weights sum to " + sum + " (expected: at most "
                        + Integer.MAX_VALUE + ")");
            }
            cumulative[i] = (int) sum;
        }
        total = (int) sum;
    }

    /** The chosen backend, or null when no backend has a positive weight. */
    public CompiledBackend pick() {
        if (backends.length <= 1) {
            return backends.length == 0 ? null : backends[0];
        }
        int point = ThreadLocalRandom.current().nextInt(total);
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > point) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return backends[low];
    }

    /** The backends of positive weight, in the rule's order. */
    public List<CompiledBackend> backends() {
        return List.of(backends);
    }

    public boolean isEmpty() {
        return backends.length == 0;
    }
}
