package io.lintel.plugin.discovery.consul;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blocking-query loop on a daemon thread of its own: query with the {@link BlockingIndex}, hand a possibly
 * changed answer to a consumer, repeat. Starts of queries are at least {@code minInterval} apart (the rate limit
 * Consul's documentation asks for); failed queries (unreachable, an error status, or an answer Consul's ACLs filtered:
 * {@link ConsulAccessDenied}) back off from 200 ms up to 2 s and mark the watch unhealthy until a query succeeds
 * again; the consumer never sees a failed query's answer, so the last content applied keeps serving. The consumer runs on the watch thread and must not throw.
 *
 * @param <T> what a query answers
 */
final class BlockingWatch<T> implements AutoCloseable {

    /** One query; {@code index} 0 means do not block. */
    @FunctionalInterface
    interface Query<T> {
        ConsulClient.Response<T> run(long index) throws IOException, InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(BlockingWatch.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final String name;
    private final Query<T> query;
    private final Consumer<T> consumer;
    private final Duration minInterval;
    private final BlockingIndex index = new BlockingIndex();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Optional<String> failure = Optional.empty();
    private volatile Thread thread;
    private volatile boolean succeededOnce;
    private long lastStartNanos;
    private Duration backoff = MIN_BACKOFF;

    BlockingWatch(String name, Query<T> query, Consumer<T> consumer, Duration minInterval) {
        this.name = requireNonNull(name, "name");
        this.query = requireNonNull(query, "query");
        this.consumer = requireNonNull(consumer, "consumer");
        this.minInterval = requireNonNull(minInterval, "minInterval");
    }

    /**
     * Reads once without blocking, on the calling thread (before {@link #start}), and hands the answer on.
     *
     * @return whether the read succeeded; when not, the watch is unhealthy and its thread keeps trying
     */
    boolean readNow() throws InterruptedException {
        return queryOnce();
    }

    /** Starts the loop on its own daemon thread. */
    void start() {
        Thread started = new Thread(this::loop, "lintel-consul " + name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Empty while queries succeed, else why the last one failed. */
    Optional<String> failure() {
        return failure;
    }

    /** Whether a query has succeeded since the watch was created. */
    boolean succeededOnce() {
        return succeededOnce;
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        closed.countDown();
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    private void loop() {
        try {
            while (closed.getCount() > 0) {
                long waitNanos = lastStartNanos + minInterval.toNanos() - System.nanoTime();
                if (waitNanos > 0 && closed.await(waitNanos, TimeUnit.NANOSECONDS)) {
                    return;
                }
                if (!queryOnce() && closed.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private boolean queryOnce() throws InterruptedException {
        lastStartNanos = System.nanoTime();
        long requested = index.forNextQuery();
        ConsulClient.Response<T> response;
        try {
            response = query.run(requested);
        } catch (IOException | RuntimeException e) {
            if (closed.getCount() == 0) {
                throw new InterruptedException("closed");
            }
            fail(e);
            return false;
        }
        if (failure.isPresent()) {
            log.info("Consul {}: read again; catching up", name);
            failure = Optional.empty();
        }
        backoff = MIN_BACKOFF;
        succeededOnce = true;
        if (closed.getCount() == 0) {
            throw new InterruptedException("closed"); // a replaced watch must not overwrite its successor's answer
        }
        if (index.advance(response.index())) {
            if (response.index() < requested) {
                log.info("Consul {}: index went back from {} to {} (Consul restored or rebuilt?); re-reading",
                        name, requested, response.index());
            }
            consumer.accept(response.value());
        }
        return true;
    }

    private void fail(Exception e) {
        index.failed();
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        // Refused by ACLs is an operator's error that retrying alone does not fix: say so, at ERROR.
        boolean denied = e instanceof ConsulAccessDenied;
        String reason = (denied ? "refused by Consul's ACLs: " : "cannot reach Consul: ") + message;
        if (failure.isEmpty() && denied) {
            log.error("Consul {}: {}; serving the last content read, retrying", name, reason);
        } else if (failure.isEmpty()) {
            log.warn("Consul {}: {}; serving the last content read, retrying", name, reason);
        } else {
            log.debug("Consul {}: still failing: {}", name, reason);
        }
        failure = Optional.of(reason);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
}
