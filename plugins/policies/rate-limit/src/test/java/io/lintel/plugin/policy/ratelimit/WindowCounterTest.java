package io.lintel.plugin.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WindowCounterTest {

    @Test
    void countsUpToTheLimitThenRefusesUntilTheNextWindow() {
        WindowCounter counter = new WindowCounter();
        assertThat(counter.acquire(7, 2)).isEqualTo(1);
        assertThat(counter.acquire(7, 2)).isZero();
        assertThat(counter.acquire(7, 2)).isEqualTo(-1);
        assertThat(counter.remaining(7, 2)).isZero();
        assertThat(counter.remaining(8, 2)).isEqualTo(2);
        assertThat(counter.acquire(8, 2)).isEqualTo(1);
    }

    @Test
    void windowNumbersBeyond32BitsStillTellWindowsApart() {
        WindowCounter counter = new WindowCounter();
        long window = (1L << 32) + 5;
        assertThat(counter.acquire(window, 1)).isZero();
        assertThat(counter.acquire(window, 1)).isEqualTo(-1);
        assertThat(counter.acquire(window + 1, 1)).isZero();
    }

    @Test
    void racingThreadsAreAdmittedExactlyTheLimit() throws Exception {
        WindowCounter counter = new WindowCounter();
        int threads = 4;
        int attemptsEach = 50_000;
        int limit = 100_000 - 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                admitted.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (int i = 0; i < attemptsEach; i++) {
                        if (counter.acquire(1, limit) >= 0) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> future : admitted) {
                total += future.get();
            }
            assertThat(total).isEqualTo(limit);
        } finally {
            pool.shutdownNow();
        }
    }
}
