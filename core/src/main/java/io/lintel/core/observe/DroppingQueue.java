package io.lintel.core.observe;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded hand-off from the event loops to one consumer thread (the access log's writer, the span exporter): a
 * producer never waits and takes no lock. When the queue is full the item is dropped and counted, since a slow log or
 * collector must never slow requests down.
 *
 * <p>{@link #offer}: one atomic increment, one queue insertion and, only when the queue was empty, an unpark of the
 * consumer, which parks only when it saw the queue empty.
 */
final class DroppingQueue<T> {

    private final int capacity;
    // ConcurrentLinkedQueue is unbounded and lock-free; size bounds it, counted apart because CLQ.size() is O(n)
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private volatile Thread consumer;
    private volatile boolean closed;

    DroppingQueue(int capacity, String what) {
        if (capacity <= 0) {
            throw new IllegalArgumentException(what + " queue capacity " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
    }

    /** The thread that {@link #poll polls} and {@link #park parks}; woken when an item arrives in an empty queue. */
    void consumer(Thread thread) {
        consumer = thread;
    }

    /** Queues an item, or drops and counts it when the queue is full or closed. Never waits. */
    void offer(T item) {
        int before = size.getAndIncrement();
        if (before >= capacity || closed) {
            size.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.offer(item);
        Thread thread = consumer;
        if (before == 0 && thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** The next item, or null when none is queued. Consumer thread only. */
    T poll() {
        if (size.get() == 0) {
            return null;
        }
        T item;
        while ((item = queue.poll()) == null) {
            // counted but not yet inserted by a producer that is between its two steps
            Thread.onSpinWait();
        }
        size.decrementAndGet();
        return item;
    }

    int size() {
        return size.get();
    }

    /** Parks the consumer until an item arrives, the queue is closed, or {@code nanos} pass. */
    void park(long nanos) {
        if (size.get() == 0 && !closed) {
            LockSupport.parkNanos(this, nanos);
        }
    }

    long dropped() {
        return dropped.sum();
    }

    /** Drops every later item; the consumer is woken to finish what is queued. */
    void close() {
        closed = true;
        Thread thread = consumer;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    boolean closed() {
        return closed;
    }
}
