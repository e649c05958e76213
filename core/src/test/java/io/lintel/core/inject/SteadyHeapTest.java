package io.lintel.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SteadyHeapTest {

    private static final long MB = 1 << 20;

    private final AtomicLong committed = new AtomicLong(100 * MB);
    private final AtomicInteger collections = new AtomicInteger();
    /** A collection gives the heap back down to 110 MB, as if that were what the configuration holds. */
    private final Runnable collect = () -> {
        collections.incrementAndGet();
        committed.set(110 * MB);
    };

    @Test
    void aHeapThatGrewPastTheFactorIsCollectedOnceAndTheNewSizeIsTheBaseline() {
        SteadyHeap heap = new SteadyHeap(committed::get, collect, 1.5);
        heap.configurationServed(); // the first: steady bounds (no property in tests), baseline 100 MB
        assertThat(collections).hasValue(0);

        committed.set(149 * MB); // under 1.5x
        heap.trimIfGrown();
        assertThat(collections).hasValue(0);

        committed.set(260 * MB); // a full replacement held two configurations
        heap.trimIfGrown();
        assertThat(collections).hasValue(1);
        assertThat(committed.get()).isEqualTo(110 * MB);

        committed.set(160 * MB); // 1.45x the new baseline of 110 MB
        heap.trimIfGrown();
        assertThat(collections).hasValue(1);
    }

    @Test
    void aSmallHeapIsNotCollectedForGrowthUnderTheAbsoluteMinimum() {
        committed.set(10 * MB);
        SteadyHeap heap = new SteadyHeap(committed::get, collect, 1.5);
        heap.configurationServed();
        committed.set(40 * MB); // 4x, but only 30 MB more
        heap.trimIfGrown();
        assertThat(collections).hasValue(0);
    }

    @Test
    void factorZeroTurnsTheCollectionOff() {
        SteadyHeap heap = new SteadyHeap(committed::get, collect, 0);
        heap.configurationServed();
        committed.set(1000 * MB);
        heap.trimIfGrown();
        assertThat(collections).hasValue(0);
    }

    @Test
    void theSteadyBoundsAreSetAtOnceAndAppliedByOneCollectionLaterNotOnTheServingThread() {
        List<String> bounds = new ArrayList<>();
        SteadyHeap heap = new SteadyHeap(committed::get, committed::get, collect, 1.5, "10,30",
                (min, max) -> bounds.add(min + "-" + max));
        heap.configurationServed();
        assertThat(bounds).containsExactly("10-30");
        assertThat(collections).as("nothing collected by the thread that served the configuration").hasValue(0);

        committed.set(120 * MB); // no growth past the factor: the collection is due for the bounds alone
        heap.trimIfGrown();
        assertThat(collections).hasValue(1);
        heap.trimIfGrown(); // the baseline is the collected heap (110 MB)
        assertThat(collections).hasValue(1);

        heap.configurationServed(); // later configurations do not set the bounds again
        assertThat(bounds).containsExactly("10-30");
    }

    @Test
    void boundsThatCannotBeSetCauseNoCollection() {
        SteadyHeap heap = new SteadyHeap(committed::get, committed::get, collect, 0, "10,30", (min, max) -> {
            throw new IllegalArgumentException("not manageable");
        });
        heap.configurationServed();
        heap.trimIfGrown();
        SteadyHeap malformed = new SteadyHeap(committed::get, committed::get, collect, 0, "10", (min, max) -> { });
        malformed.configurationServed();
        malformed.trimIfGrown();
        assertThat(collections).hasValue(0);
    }

    @Test
    void theSteadyCollectionOfASmallHeapIsNotPutOffButALargeHeapsAndGrowthChecksAre() {
        assertThat(SteadyHeap.settleSeconds(true, 20 * MB)).isZero();
        assertThat(SteadyHeap.settleSeconds(true, 300 * MB)).isEqualTo(SteadyHeap.SETTLE_SECONDS);
        assertThat(SteadyHeap.settleSeconds(false, 20 * MB)).as("growth after a change: let the sources settle")
                .isEqualTo(SteadyHeap.SETTLE_SECONDS);
    }
}
