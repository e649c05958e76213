package io.lintel.core.observe;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes access-log records from the event loops and writes them on one background thread, so that a slow log
 * destination (a blocked stderr pipe, a full disk, a slow appender) never holds an event loop. The queue is bounded
 * ({@link DroppingQueue}): when it is full the record is dropped and counted ({@link #dropped()}, exported as
 * {@code lintel_access_log_dropped_total}), and the writer thread also logs the count at WARN at most once per
 * {@code warnInterval}.
 *
 * <p>Settings: system properties {@value #FORMAT_PROPERTY} ({@code off}, the default, {@code text} or {@code json})
 * and {@value #QUEUE_CAPACITY_PROPERTY} (default {@value #DEFAULT_QUEUE_CAPACITY}).
 */
public final class AccessLogWriter {

    public static final String FORMAT_PROPERTY = "lintel.accessLog.format";
    public static final String QUEUE_CAPACITY_PROPERTY = "lintel.accessLog.queueCapacity";
    // a queued line holds its request's path (up to the request line, 8 KiB by default): 8192 lines bound a stalled
    // log to 64 MiB
    public static final int DEFAULT_QUEUE_CAPACITY = 8_192;
    static final Duration WARN_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(AccessLogWriter.class);

    private final AccessLogFormat format;
    private final Consumer<String> sink;
    private final long warnIntervalNanos;
    private final DroppingQueue<AccessLogRecord> queue;
    private final Thread thread;

    AccessLogWriter(int capacity, AccessLogFormat format, Consumer<String> sink, Duration warnInterval) {
        this.queue = new DroppingQueue<>(capacity, "access log");
        this.format = requireNonNull(format, "format");
        this.sink = requireNonNull(sink, "sink");
        this.warnIntervalNanos = warnInterval.toNanos();
        thread = new Thread(this::run, "lintel-access-log");
        thread.setDaemon(true);
        queue.consumer(thread);
        thread.start();
    }

    /** Queues a record for writing, or drops and counts it when the queue is full. Never waits. */
    void offer(AccessLogRecord record) {
        queue.offer(record);
    }

    long dropped() {
        return queue.dropped();
    }

    /** Stops the writer thread once it has written what is queued (tests: the process's writer lives with the JVM). */
    void close() {
        queue.close();
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    private void run() {
        long reported = 0;
        long lastWarn = System.nanoTime();
        while (true) {
            AccessLogRecord record = queue.poll();
            if (record != null) {
                write(record);
            } else if (queue.closed()) {
                return;
            } else {
                // bounded so that drops are reported even while nothing can be queued
                queue.park(Math.min(warnIntervalNanos, TimeUnit.SECONDS.toNanos(1)));
            }
            long now = System.nanoTime();
            if (now - lastWarn >= warnIntervalNanos) {
                lastWarn = now;
                long total = queue.dropped();
                if (total > reported) {
                    LOG.warn("access log: {} lines dropped since the last report because the log could not keep up"
                            + " ({} in all; see {})", total - reported, total, QUEUE_CAPACITY_PROPERTY);
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
}
