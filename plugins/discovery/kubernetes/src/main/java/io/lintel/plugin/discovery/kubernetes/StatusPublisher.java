package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.StatusWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's {@link StatusWriter}: remembers the latest status core computed for each resource and writes it to
 * the API server from a thread of its own, so that core's control thread never waits for the network.
 *
 * <p>Only the leader writes ({@code mayWrite}); a follower keeps the latest statuses, and {@link #writeAll()} (called
 * when it becomes leader) writes them all, each only if it differs from what the resource holds. Writes to one
 * resource are coalesced: a burst of statuses yields one write of the last. A failed write is retried with a
 * back-off; a resource that is gone is forgotten. For Gateways, {@code addresses} may replace the computed
 * {@code status.addresses} (those of a provisioned or shared Service).
 */
final class StatusPublisher implements StatusWriter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    private final StatusUpdater updater;
    private final Function<ResourceKey, Optional<ServedKind>> kinds;
    private final BooleanSupplier mayWrite;
    private final Function<ResourceKey, Optional<List<Map<String, Object>>>> addresses;
    private final Map<ResourceKey, Map<String, Object>> latest = new ConcurrentHashMap<>();
    private final Map<ResourceKey, Integer> failures = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final LinkedHashSet<ResourceKey> pending = new LinkedHashSet<>();
    private boolean busy;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            LeaderElection.daemon("lintel-status-retry"));
    private final Thread worker;
    private volatile boolean closed;
    private volatile long written;

    StatusPublisher(StatusUpdater updater, Function<ResourceKey, Optional<ServedKind>> kinds, BooleanSupplier mayWrite,
            Function<ResourceKey, Optional<List<Map<String, Object>>>> addresses) {
        this.updater = requireNonNull(updater, "updater");
        this.kinds = requireNonNull(kinds, "kinds");
        this.mayWrite = requireNonNull(mayWrite, "mayWrite");
        this.addresses = requireNonNull(addresses, "addresses");
        this.worker = new Thread(this::run, "lintel-status-writer");
        worker.setDaemon(true);
    }

    void start() {
        worker.start();
    }

    @Override
    public void write(ResourceKey key, Map<String, Object> status) {
        requireNonNull(key, "key");
        latest.put(key, requireNonNull(status, "status"));
        if (mayWrite.getAsBoolean()) {
            enqueue(key);
        }
    }

    /** Writes every remembered status again (each only if it differs from the resource's): on becoming leader. */
    void writeAll() {
        latest.keySet().forEach(this::enqueue);
    }

    /** Writes one remembered status again, e.g. when what {@code addresses} gives for a Gateway changed. */
    void refresh(ResourceKey key) {
        if (latest.containsKey(key) && mayWrite.getAsBoolean()) {
            enqueue(key);
        }
    }

    /** Writes the remembered statuses of every resource of one kind again (e.g. all Gateways, when a shared address changed). */
    void refreshKind(String kind) {
        if (mayWrite.getAsBoolean()) {
            latest.keySet().stream().filter(key -> kind.equals(key.kind())).forEach(this::enqueue);
        }
    }

    /** True when no write is queued or running (for tests). */
    boolean pendingIsEmpty() {
        synchronized (lock) {
            return pending.isEmpty() && !busy;
        }
    }

    /** Statuses written to the API server so far (for tests and {@code describe}). */
    long writtenCount() {
        return written;
    }

    private void enqueue(ResourceKey key) {
        synchronized (lock) {
            pending.add(key);
            lock.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            ResourceKey key;
            synchronized (lock) {
                while (pending.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                key = pending.iterator().next();
                pending.remove(key);
                busy = true;
            }
            try {
                writeOne(key);
            } finally {
                synchronized (lock) {
                    busy = false;
                }
            }
        }
    }

    private void writeOne(ResourceKey key) {
        Map<String, Object> remembered = latest.get(key);
        if (remembered == null || !mayWrite.getAsBoolean()) {
            return;
        }
        Optional<ServedKind> kind = kinds.apply(key);
        if (kind.isEmpty()) {
            log.debug("Not writing the status of {}: its kind is not watched", key);
            return;
        }
        Map<String, Object> status = "Gateway".equals(key.kind()) ? withAddresses(key, remembered) : remembered;
        try {
            StatusUpdater.Outcome outcome = updater.write(kind.get(), key, status);
            failures.remove(key);
            switch (outcome) {
                case WRITTEN -> {
                    written++;
                    log.debug("Wrote the status of {}", key);
                }
                case GONE -> latest.remove(key, remembered);
                case UNCHANGED -> log.debug("The status of {} is already current", key);
            }
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            int failed = failures.merge(key, 1, Integer::sum);
            long delay = Math.min(MAX_RETRY_DELAY.toMillis(), RETRY_DELAY.toMillis() << Math.min(failed - 1, 5));
            log.warn("Could not write the status of {} (attempt {}): {}; retrying in {} ms", key, failed, e.toString(), delay);
            retries.schedule(() -> enqueue(key), delay, TimeUnit.MILLISECONDS);
        }
    }

    private Map<String, Object> withAddresses(ResourceKey key, Map<String, Object> status) {
        Optional<List<Map<String, Object>>> override = addresses.apply(key);
        if (override.isEmpty()) {
            return status;
        }
        Map<String, Object> copy = new LinkedHashMap<>(status);
        copy.put("addresses", new ArrayList<>(override.get()));
        return copy;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        retries.shutdownNow();
        worker.interrupt();
    }
}
