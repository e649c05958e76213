package io.lintel.core.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A {@link BindRetry.Scheduler} on a virtual clock for tests: nothing runs until the test {@link #runNext()}s, which
 * moves the clock to the next task that is due and not cancelled. Records every delay asked for.
 */
final class ManualScheduler implements BindRetry.Scheduler {

    private record Task(Duration due, long order, Runnable task, CompletableFuture<Void> future) {}

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparing(Task::due).thenComparingLong(Task::order));
    private final List<Duration> delays = new ArrayList<>();
    private Duration now = Duration.ZERO;
    private long scheduled;

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        delays.add(delay);
        CompletableFuture<Void> future = new CompletableFuture<>();
        queue.add(new Task(now.plus(delay), scheduled++, task, future));
        return future;
    }

    /** Runs the next task that is not cancelled; false when there is none. */
    boolean runNext() {
        Task next;
        do {
            next = queue.poll();
            if (next == null) {
                return false;
            }
        } while (next.future().isCancelled());
        now = next.due();
        next.task().run();
        next.future().complete(null);
        return true;
    }

    /** Tasks scheduled and neither run nor cancelled. */
    long pending() {
        return queue.stream().filter(t -> !t.future().isCancelled()).count();
    }

    /** The virtual time: the sum of the delays waited out so far. */
    Duration now() {
        return now;
    }

    /** Every delay asked for, in order. */
    List<Duration> delays() {
        return delays;
    }
}
