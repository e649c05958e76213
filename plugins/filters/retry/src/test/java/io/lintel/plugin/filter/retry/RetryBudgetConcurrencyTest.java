package io.lintel.plugin.filter.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * One budget shared by several threads (a rule on every event loop) spends exactly what it earned: no request's
 * earning and no second of refill is lost or counted twice, and no retry is granted twice from one balance.
 */
class RetryBudgetConcurrencyTest {

    private static final int THREADS = 8;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private final AtomicLong clock = new AtomicLong();

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Runs {@code task} on every thread at once and returns the sum of their results. */
    private long onAllThreads(Callable<Long> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return task.call();
            }));
        }
        long sum = 0;
        for (Future<Long> result : results) {
            sum += result.get(30, TimeUnit.SECONDS);
        }
        return sum;
    }

    private static long drain(RetryBudget budget) {
        long spent = 0;
        while (budget.tryRetry()) {
            spent++;
        }
        return spent;
    }

    @RepeatedTest(5)
    void requestsAndRetriesRacingSpendExactlyWhatTheRequestsEarned() throws Exception {
        // a reserve the test never reaches, so that no earning is capped away
        RetryBudget budget = new RetryBudget(1_000_000, clock::get);
        assertThat(drain(budget)).isEqualTo(1_000_000);
        int requestsPerThread = 20_000;

        long granted = onAllThreads(() -> {
            long mine = 0;
            for (int i = 0; i < requestsPerThread; i++) {
                budget.onRequest();
                if (budget.tryRetry()) {
                    mine++;
                }
            }
            return mine;
        });

        long earned = (long) THREADS * requestsPerThread * RetryBudget.EARNED_PER_REQUEST / RetryBudget.COST;
        assertThat(granted + drain(budget)).isEqualTo(earned);
    }

    @RepeatedTest(5)
    void aSecondOfRefillIsGrantedOnceHoweverManyLoopsAskForIt() throws Exception {
        RetryBudget budget = new RetryBudget(20, clock::get);
        assertThat(drain(budget)).isEqualTo(20);
        clock.addAndGet(1_000_000_000L);

        long granted = onAllThreads(() -> {
            long mine = 0;
            for (int i = 0; i < 1_000; i++) {
                if (budget.tryRetry()) {
                    mine++;
                }
            }
            return mine;
        });

        // ten retries a second: a loop that credits the second again would grant more
        assertThat(granted).isEqualTo(RetryBudget.MIN_RETRIES_PER_SECOND);
    }

    @Test
    void partOfARetryEarnedByTimeIsKeptForTheNext() {
        RetryBudget budget = new RetryBudget(5, clock::get);
        assertThat(drain(budget)).isEqualTo(5);
        // 0.15 s earn 1.5 retries; the half left over is not lost when the first is spent
        clock.addAndGet(150_000_000L);
        assertThat(budget.tryRetry()).isTrue();
        assertThat(budget.tryRetry()).isFalse();
        clock.addAndGet(50_000_000L);
        assertThat(budget.tryRetry()).isTrue();
        assertThat(budget.tryRetry()).isFalse();
    }
}
