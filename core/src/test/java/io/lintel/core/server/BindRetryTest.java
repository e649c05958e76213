package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.route.SocketKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link BindRetry} on a virtual clock ({@link ManualScheduler}) with a scripted data plane. */
class BindRetryTest {

    private static final BindRetrySchedule SCHEDULE = new BindRetrySchedule(Duration.ofMillis(500), Duration.ofSeconds(30));
    private static final BindFailure HTTPS = failure(443, "Address already in use");
    private static final BindFailure HTTP = failure(80, "Address already in use");

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Deque<List<BindFailure>> script = new ArrayDeque<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<List<BindFailure>> published = new ArrayList<>();
    private final Supplier<List<BindFailure>> dataPlane = () -> {
        attempts.incrementAndGet();
        return script.remove();
    };
    private final BindRetry retry = new BindRetry(dataPlane, scheduler, SCHEDULE, published::add);

    private static BindFailure failure(int port, String cause) {
        return new BindFailure(new SocketKey("127.0.0.1", port), cause);
    }

    private void runAll() {
        while (scheduler.runNext()) {
            // each retry schedules the next one while sockets still fail
        }
    }

    @Test
    void retriesWithDoublingDelaysUntilTheSocketBinds() {
        for (int i = 0; i < 7; i++) {
            script.add(List.of(HTTPS));
        }
        script.add(List.of());

        retry.configurationApplied(List.of(HTTPS));
        runAll();

        assertThat(scheduler.delays()).extracting(Duration::toMillis)
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
        assertThat(scheduler.now()).isEqualTo(Duration.ofMillis(91_500));
        assertThat(attempts).hasValue(8);
        // the same failure again and again is no news; the bind is
        assertThat(published).containsExactly(List.of());
        assertThat(retry.failures()).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void nothingToRetryWhenEverySocketIsBound() {
        retry.configurationApplied(List.of());

        assertThat(scheduler.pending()).isZero();
        assertThat(scheduler.delays()).isEmpty();
    }

    @Test
    void eachSocketThatBindsIsPublishedAndTheRestRetried() {
        script.add(List.of(HTTPS));
        script.add(List.of(HTTPS));
        script.add(List.of());

        retry.configurationApplied(List.of(HTTP, HTTPS));
        runAll();

        assertThat(published).containsExactly(List.of(HTTPS), List.of());
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anotherErrorForTheSameSocketIsPublished() {
        BindFailure denied = failure(443, "Permission denied");
        script.add(List.of(denied));
        script.add(List.of());

        retry.configurationApplied(List.of(HTTPS));
        runAll();

        assertThat(published).containsExactly(List.of(denied), List.of());
    }

    @Test
    void aNewerConfigurationCancelsThePendingRetry() {
        retry.configurationApplied(List.of(HTTPS));
        assertThat(scheduler.pending()).isOne();

        retry.configurationApplied(List.of());

        assertThat(scheduler.pending()).isZero();
        assertThat(scheduler.runNext()).isFalse();
        assertThat(attempts).hasValue(0);
        assertThat(published).isEmpty();
    }

    @Test
    void aNewerConfigurationStillFailingStartsItsOwnBackoff() {
        script.add(List.of(HTTPS));
        retry.configurationApplied(List.of(HTTPS));
        scheduler.runNext();
        assertThat(scheduler.delays()).extracting(Duration::toMillis).containsExactly(500L, 1_000L);

        retry.configurationApplied(List.of(HTTPS));

        assertThat(scheduler.pending()).isOne();
        assertThat(scheduler.delays()).extracting(Duration::toMillis).containsExactly(500L, 1_000L, 500L);
    }

    @Test
    void aRetryThatRunsAfterANewerConfigurationDoesNothing() {
        // a scheduler that cannot cancel: the task of the first configuration still runs
        List<Runnable> tasks = new ArrayList<>();
        BindRetry stubborn = new BindRetry(dataPlane, (task, delay) -> {
            tasks.add(task);
            return new CompletableFuture<>();
        }, SCHEDULE, published::add);
        stubborn.configurationApplied(List.of(HTTPS));
        stubborn.configurationApplied(List.of());

        tasks.get(0).run();

        assertThat(attempts).hasValue(0);
        assertThat(published).isEmpty();
    }

    @Test
    void anUnexpectedErrorOfAnAttemptDoesNotEndTheRetries() {
        List<List<BindFailure>> seen = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        BindRetry flaky = new BindRetry(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
            return List.of();
        }, scheduler, SCHEDULE, seen::add);

        flaky.configurationApplied(List.of(HTTPS));
        runAll();

        assertThat(calls).hasValue(2);
        assertThat(seen).containsExactly(List.of());
    }

    @Test
    void aStoppingControlThreadEndsTheRetriesQuietly() {
        BindRetry stopping = new BindRetry(dataPlane, (task, delay) -> {
            throw new RejectedExecutionException("closed");
        }, SCHEDULE, published::add);

        stopping.configurationApplied(List.of(HTTPS));

        assertThat(stopping.failures()).containsExactly(HTTPS);
        assertThat(attempts).hasValue(0);
    }
}
