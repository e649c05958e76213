package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes access-log records from the event loops and writes them on one background thread, so that a slow log
 * destination (a blocked stderr pipe, a full disk, a slow appender) never holds an event loop. The queue is bounded:
 * when it is full the record is dropped and counted ({@link #dropped()}, exported as
 * {@code lintel_access_log_dropped_total}), and the writer thread also logs the count at WARN at most once per
 * {@code warnInterval}.
 *
 * <p>{@link #offer} is lock-free and never waits: one atomic increment, one queue insertion and, only when the queue
 * was empty, an unpark. Settings: system properties {@value #FORMAT_PROPERTY} ({@code text}, the default, or
 * {@code json}) and {@value #QUEUE_CAPACITY_PROPERTY} (default {@value #DEFAULT_QUEUE_CAPACITY}).
 */
public final class AccessLogWriter {

    public static final String FORMAT_PROPERTY = "lintel.accessLog.format";
    public static final String QUEUE_CAPACITY_PROPERTY = "lintel.accessLog.queueCapacity";
    // a queued line holds its request's path (up to the 8 KiB request line): 8192 lines bound a stalled log to 64 MiB
    public static final int DEFAULT_QUEUE_CAPACITY = 8_192;
    static final Duration WARN_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(AccessLogWriter.class);
    /** The shared writer once it exists: reading it must not start the writer of a log that is off. */
    private static volatile AccessLogWriter sharedStarted;

    private final int capacity;
    private final AccessLogFormat format;
    private final Consumer<String> sink;
    private final long warnIntervalNanos;
    // ConcurrentLinkedQueue is unbounded and lock-free; size bounds it, counted apart because CLQ.size() is O(n)
    private final Queue<AccessLogRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private volatile boolean closed;

    AccessLogWriter(int capacity, AccessLogFormat format, Consumer<String> sink, Duration warnInterval) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("access log queue capacity " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
        this.format = requireNonNull(format, "format");
        this.sink = requireNonNull(sink, "sink");
        this.warnIntervalNanos = warnInterval.toNanos();
        thread = new Thread(this::run, "lintel-access-log");
        thread.setDaemon(true);
        thread.start();
    }

    /** The process's writer, to logger {@value AccessLog#LOGGER} at INFO, configured by the system properties. */
    static AccessLogWriter shared() {
        return Shared.INSTANCE;
    }

    /**
     * Records the process's access log dropped because its queue was full (for the metrics); 0 while no line was
     * ever logged, without starting the writer for a log that is off.
     */
    public static long droppedTotal() {
        AccessLogWriter started = sharedStarted;
        return started == null ? 0 : started.dropped();
    }

    /** Queues a record for writing, or drops and counts it when the queue is full. Never waits. */
    void offer(AccessLogRecord record) {
        int before = size.getAndIncrement();
        if (before >= capacity || closed) {
            size.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.offer(record);
        if (before == 0) {
            // the writer parks only when it saw the queue empty: waking it when the first record arrives is enough
            LockSupport.unpark(thread);
        }
    }

    long dropped() {
        return dropped.sum();
    }

    /** Stops the writer thread once it has written what is queued (tests: the shared writer lives with the JVM). */
    void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    private void run() {
        long reported = 0;
        long lastWarn = System.nanoTime();
        while (true) {
            if (size.get() == 0) {
                if (closed) {
                    return;
                }
                // bounded so that drops are reported even while nothing can be queued
                LockSupport.parkNanos(this, Math.min(warnIntervalNanos, TimeUnit.SECONDS.toNanos(1)));
            } else {
                AccessLogRecord record = queue.poll();
                if (record == null) {
                    // counted but not yet inserted by a producer that is between its two steps
                    Thread.onSpinWait();
                } else {
                    size.decrementAndGet();
                    write(record);
                }
            }
            long now = System.nanoTime();
            if (now - lastWarn >= warnIntervalNanos) {
                lastWarn = now;
                long total = dropped.sum();
                if (total > reported) {
                    LOG.warn("access log: {} lines dropped since the last report because the log could not keep up"
                            + " ({} in all; see {})", total - reported,
                            total, QUEUE_CAPACITY_PROPERTY);
                    reported = total;
                }
            }
        }
    }

    private void write(AccessLogRecord record) {
        try {
            sink.accept(format.format(record));
        } catch (RuntimeException e) {
            // a failing appender loses its line, not the writer thread (and with it every later line)
            LOG.warn("access log: writing a line failed", e);
        }
    }

    private static final class Shared {
        static final AccessLogWriter INSTANCE = create();

        private static AccessLogWriter create() {
            Logger access = LoggerFactory.getLogger(AccessLog.LOGGER);
            AccessLogWriter writer = new AccessLogWriter(
                    Integer.getInteger(QUEUE_CAPACITY_PROPERTY, DEFAULT_QUEUE_CAPACITY),
                    AccessLogFormat.parse(System.getProperty(FORMAT_PROPERTY, "text")), access::info, WARN_INTERVAL);
            sharedStarted = writer;
            return writer;
        }
    }
}
