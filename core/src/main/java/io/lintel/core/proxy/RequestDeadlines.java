package io.lintel.core.proxy;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The request timeouts of one client connection's exchanges (the default request timeout, or a filter's, GEP-1742),
 * kept as a list of deadlines behind one scheduled task, rather than a timer per exchange. With the default request
 * timeout every request arms one and nearly every one is answered in time; over HTTP/2, where each stream is an
 * exchange with its own handler, a schedule plus a cancel per request (a task object, two priority-queue operations
 * in the event loop, the cancel's removal) came to ~3% of the event loop's time.
 *
 * <p>Arming links the exchange (which is its own {@link Entry}: arming allocates nothing) into a list ordered by
 * deadline: with one timeout for all requests, deadlines come in arming order, so it is appended at the tail.
 * Cancelling unlinks it. The task is lazy: it stays scheduled when the list empties or its first deadline moves
 * later, and when it fires it expires what is due and schedules itself again for the first deadline left, if any.
 * So a connection under steady load schedules about one task per timeout period.
 *
 * <p>Threading: the connection's event loop only, expiry included. Times are the loop's ticker's (System.nanoTime in
 * production, a test's clock in EmbeddedChannel).
 */
final class RequestDeadlines {

    /** A place in the list: an exchange. */
    abstract static class Entry {
        private Entry previous;
        private Entry next;
        private long deadline;
        private boolean armed;

        /** The deadline passed: the entry is no longer armed when this is called. */
        abstract void onRequestTimeout();
    }

    private final EventExecutor executor;
    private final Runnable expire = this::expire;
    private Entry first;
    private Entry last;
    /** Fires at {@link #taskAt}, no later than the first deadline; null when none is scheduled. */
    private ScheduledFuture<?> task;
    private long taskAt;

    RequestDeadlines(EventExecutor executor) {
        this.executor = executor;
    }

    /**
     * Arms {@code entry}'s request timeout, counted from {@code startNanos} ({@link System#nanoTime}, e.g. the
     * arrival of the request head), unless it is armed already; nothing when {@code timeoutNanos} is not positive.
     */
    void arm(Entry entry, long startNanos, long timeoutNanos) {
        if (timeoutNanos <= 0 || entry.armed) {
            return;
        }
        long deadline = executor.ticker().nanoTime() + Math.max(0, timeoutNanos - (System.nanoTime() - startNanos));
        entry.deadline = deadline;
        entry.armed = true;
        Entry before = last;
        while (before != null && before.deadline - deadline > 0) {
            before = before.previous;
        }
        Entry after = before == null ? first : before.next;
        entry.previous = before;
        entry.next = after;
        if (before == null) {
            first = entry;
        } else {
            before.next = entry;
        }
        if (after == null) {
            last = entry;
        } else {
            after.previous = entry;
        }
        schedule();
    }

    /** Disarms {@code entry}'s request timeout, if armed. The task stays scheduled (see above). */
    void cancel(Entry entry) {
        if (!entry.armed) {
            return;
        }
        entry.armed = false;
        Entry before = entry.previous;
        Entry after = entry.next;
        if (before == null) {
            first = after;
        } else {
            before.next = after;
        }
        if (after == null) {
            last = before;
        } else {
            after.previous = before;
        }
        entry.previous = null;
        entry.next = null;
    }

    /** The connection closed: disarms everything, and no task of it stays in the event loop's queue. */
    void close() {
        while (first != null) {
            cancel(first);
        }
        ScheduledFuture<?> scheduled = task;
        if (scheduled != null) {
            task = null;
            scheduled.cancel(false);
        }
    }

    /** Makes sure the task fires no later than the first deadline. */
    private void schedule() {
        Entry head = first;
        if (head == null || task != null && head.deadline - taskAt >= 0) {
            return;
        }
        if (task != null) {
            task.cancel(false);
        }
        taskAt = head.deadline;
        task = executor.schedule(expire, Math.max(0, taskAt - executor.ticker().nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void expire() {
        task = null;
        long now = executor.ticker().nanoTime();
        Entry head;
        while ((head = first) != null && now - head.deadline >= 0) {
            cancel(head);
            head.onRequestTimeout();
        }
        schedule();
    }
}
