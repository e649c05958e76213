package io.lintel.core.store;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.ResourceSink;
import io.lintel.spi.config.SourceLocation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.ServiceConfigurationError;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every document the config sources pushed, by origin and by key, and publishes immutable {@link Snapshot}s of
 * them to one listener. Gateway API documents without {@code metadata.creationTimestamp} get the time their key first
 * appeared ({@link CreationStamps}).
 *
 * <p>Contract:
 * <ul>
 *   <li>Thread-safe: any number of source threads may call it at once; calls never block on the listener.</li>
 *   <li>Updates equal to what the store holds change nothing and publish nothing.</li>
 *   <li>Changes are coalesced: a change is published at once on the control thread (a single-thread scheduler)
 *       when the previous publish is at least {@code debounce} old, else {@code debounce} after the previous
 *       publish, so a lone change costs no delay, a burst yields few snapshots, and publishes come at most once per
 *       {@code debounce}. Changes made inside {@link #batch} are published together, never in part. The listener
 *       runs on that control thread only, with snapshots in rising {@link Snapshot#version()} order; a publish
 *       whose content equals the previous snapshot's is skipped.</li>
 *   <li>The same key pushed from two origins: the first origin to push it keeps it; a problem names both
 *       origins. When the first origin drops the key, the next one's document takes over.</li>
 *   <li>Readiness: each source gets its own view through {@link #sinkFor}; {@link #allSynced()} is true once every
 *       registered source called {@link ResourceSink#markSynced()}. The moment the last one does, a snapshot is
 *       published even if nothing changed, so the listener learns about readiness. The store's own
 *       {@link #markSynced()} stands for a source named {@value #DEFAULT_SOURCE}.</li>
 *   <li>{@link #upsert} and {@link #delete} (watch-style sources) act on one origin per source: the source's
 *       name.</li>
 * </ul>
 */
public final class ResourceStore implements ResourceSink, AutoCloseable {

    /** The debounce used when none is given. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(50);

    /** The name of the source the store's own {@link ResourceSink} methods act for. */
    public static final String DEFAULT_SOURCE = "default";

    private static final Logger log = LoggerFactory.getLogger(ResourceStore.class);

    private static final Comparator<ConfigProblem> PROBLEM_ORDER = Comparator
            .comparing((ConfigProblem p) -> p.location().origin())
            .thenComparingInt(p -> p.location().line())
            .thenComparing(ConfigProblem::toString);

    private final Consumer<Snapshot> listener;
    private final long debounceNanos;
    private final ScheduledExecutorService controlThread;
    private final boolean ownsControlThread;

    private final Object lock = new Object();
    // Documents of each origin as last pushed, whether or not they won their keys.
    private final Map<String, Map<ResourceKey, KubernetesDocument>> documentsByOrigin = new HashMap<>();
    // For each key, the origins holding it, in the order they first pushed it: the first one wins.
    private final Map<ResourceKey, LinkedHashMap<String, KubernetesDocument>> claimsByKey = new HashMap<>();
    private final Map<String, List<ConfigProblem>> problemsByOrigin = new HashMap<>();
    private final Map<String, Boolean> syncedBySource = new LinkedHashMap<>();
    private final Map<String, SourceSink> sinks = new HashMap<>();
    // The winning document of each key, kept as claims change, so that a publish copies instead of recomputing.
    private final TreeMap<ResourceKey, KubernetesDocument> winners = new TreeMap<>();
    // Keys claimed by more than one origin (each publish reports them).
    private final Set<ResourceKey> contested = new HashSet<>();
    private boolean dirty;
    private int batchDepth;
    private long lastPublishNanos = Long.MIN_VALUE / 2;
    private final CreationStamps creationStamps = new CreationStamps(Clock.systemUTC());
    private ScheduledFuture<?> pendingPublish;
    private boolean forcePublish;
    private boolean closed;
    // Touched only on the control thread.
    private Snapshot lastPublished;
    private volatile Snapshot current = new Snapshot(0, new TreeMap<>(), List.of());

    /** A store with the default debounce and a control thread of its own (shut down by {@link #close()}). */
    public ResourceStore(Consumer<Snapshot> listener) {
        this(listener, DEFAULT_DEBOUNCE);
    }

    /** A store with a control thread of its own (shut down by {@link #close()}). */
    public ResourceStore(Consumer<Snapshot> listener, Duration debounce) {
        this(listener, debounce, newControlThread(), true);
    }

    /**
     * A store publishing on {@code controlThread}, which must run one task at a time (e.g.
     * {@link Executors#newSingleThreadScheduledExecutor}); the caller keeps ownership of it.
     */
    public ResourceStore(Consumer<Snapshot> listener, Duration debounce, ScheduledExecutorService controlThread) {
        this(listener, debounce, controlThread, false);
    }

    private ResourceStore(
            Consumer<Snapshot> listener, Duration debounce, ScheduledExecutorService controlThread, boolean owns) {
        this.listener = requireNonNull(listener, "listener");
        requireNonNull(debounce, "debounce");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce: " + debounce + " (expected: >= 0)");
        }
        this.debounceNanos = debounce.toNanos();
        this.controlThread = requireNonNull(controlThread, "controlThread");
        this.ownsControlThread = owns;
    }

    private static ScheduledExecutorService newControlThread() {
        // The thread is created lazily by whichever thread first schedules work, often a plugin's; without this it
        // would inherit that plugin's context class loader, and core's libraries (fabric8's ServiceLoader lookups)
        // would then load the plugin's copies of their classes.
        ClassLoader core = ResourceStore.class.getClassLoader();
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lintel-store-control");
            thread.setDaemon(true);
            thread.setContextClassLoader(core);
            return thread;
        });
    }

    /**
     * Registers a source and returns the sink it pushes into. {@code upsert}/{@code delete} through it act on the
     * origin {@code sourceName}; its {@code markSynced} counts for {@link #allSynced()}.
     *
     * @throws IllegalArgumentException when a source of that name is already registered
     */
    public ResourceSink sinkFor(String sourceName) {
        requireNonNull(sourceName, "sourceName");
        synchronized (lock) {
            if (sinks.containsKey(sourceName)) {
                throw new IllegalArgumentException("source name: " + sourceName + " (expected: a name not registered yet)");
            }
            SourceSink sink = new SourceSink(sourceName);
            sinks.put(sourceName, sink);
            syncedBySource.put(sourceName, false);
            return sink;
        }
    }

    /** True when every registered source has pushed its initial state (also when none is registered). */
    public boolean allSynced() {
        synchronized (lock) {
            return !syncedBySource.containsValue(false);
        }
    }

    /** Each registered source and whether it has synced, in registration order (for {@code /ready}). */
    public Map<String, Boolean> syncState() {
        synchronized (lock) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(syncedBySource));
        }
    }

    /** The last snapshot published (version 0, empty, before the first). */
    public Snapshot current() {
        return current;
    }

    @Override
    public void replaceOrigin(String origin, List<KubernetesDocument> documents) {
        requireNonNull(origin, "origin");
        requireNonNull(documents, "documents");
        Map<ResourceKey, KubernetesDocument> next = new HashMap<>();
        for (KubernetesDocument document : documents) {
            requireNonNull(document, "document");
            // Within one origin the last document of a key wins, as when applying a file with kubectl.
            next.put(document.key(), document);
        }
        synchronized (lock) {
            String batch = creationStamps.nextBatch();
            boolean changed = problemsByOrigin.remove(origin) != null;
            dirty |= changed;
            Map<ResourceKey, KubernetesDocument> previous = documentsByOrigin.getOrDefault(origin, Map.of());
            for (ResourceKey gone : List.copyOf(previous.keySet())) {
                if (!next.containsKey(gone)) {
                    changed |= removeClaim(origin, gone);
                }
            }
            for (KubernetesDocument document : next.values()) {
                changed |= putClaim(origin, document, batch);
            }
            if (changed) {
                scheduleLocked();
            }
        }
    }

    @Override
    public void upsert(KubernetesDocument document) {
        upsert(DEFAULT_SOURCE, document);
    }

    @Override
    public void delete(ResourceKey key) {
        delete(DEFAULT_SOURCE, key);
    }

    @Override
    public void reportProblems(String origin, List<ConfigProblem> problems) {
        requireNonNull(origin, "origin");
        List<ConfigProblem> copy = List.copyOf(requireNonNull(problems, "problems"));
        synchronized (lock) {
            List<ConfigProblem> previous = copy.isEmpty() ? problemsByOrigin.remove(origin) : problemsByOrigin.put(origin, copy);
            if (!copy.equals(previous == null ? List.of() : previous)) {
                dirty = true;
                scheduleLocked();
            }
        }
    }

    @Override
    public void markSynced() {
        markSynced(DEFAULT_SOURCE);
    }

    /** Holds publishing back until {@code changes} (from any source) have run; nothing publishes part of them. */
    @Override
    public void batch(Runnable changes) {
        requireNonNull(changes, "changes");
        synchronized (lock) {
            batchDepth++;
        }
        try {
            changes.run();
        } finally {
            synchronized (lock) {
                batchDepth--;
                if (dirty || forcePublish) {
                    scheduleLocked();
                }
            }
        }
    }

    /** Cancels any pending publish and stops publishing; owned control threads are shut down. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (pendingPublish != null) {
                pendingPublish.cancel(false);
                pendingPublish = null;
            }
        }
        if (ownsControlThread) {
            controlThread.shutdownNow();
        }
    }

    /**
     * Runs {@code task} on the control thread after {@code delay}, one at a time with publishes (so the listener's
     * own later work, such as retrying what a configuration could not do, needs no locking). A store closed by then
     * runs nothing.
     *
     * @throws RejectedExecutionException when the store is closed
     */
    public ScheduledFuture<?> runOnControlThread(Runnable task, Duration delay) {
        requireNonNull(task, "task");
        requireNonNull(delay, "delay");
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException("the resource store is closed");
            }
        }
        return controlThread.schedule(() -> {
            synchronized (lock) {
                if (closed) {
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                // as for the listener: the scheduled executor would swallow it silently
                log.error("Control thread task {} failed", task, e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void upsert(String origin, KubernetesDocument document) {
        requireNonNull(document, "document");
        synchronized (lock) {
            if (putClaim(origin, document, creationStamps.nextBatch())) {
                scheduleLocked();
            }
        }
    }

    private void delete(String origin, ResourceKey key) {
        requireNonNull(key, "key");
        synchronized (lock) {
            if (removeClaim(origin, key)) {
                scheduleLocked();
            }
        }
    }

    private void markSynced(String source) {
        synchronized (lock) {
            Boolean was = syncedBySource.put(source, true);
            if (Boolean.TRUE.equals(was)) {
                return;
            }
            log.info("Source {} synced", source);
            if (!syncedBySource.containsValue(false)) {
                forcePublish = true;
                scheduleLocked();
            }
        }
    }

    /**
     * Records {@code document} for {@code origin}; true if that changed anything. A key new to the store is created
     * at {@code batch} ({@link CreationStamps}).
     */
    private boolean putClaim(String origin, KubernetesDocument document, String batch) {
        Map<ResourceKey, KubernetesDocument> owned = documentsByOrigin.computeIfAbsent(origin, o -> new HashMap<>());
        KubernetesDocument previous = owned.put(document.key(), document);
        if (document.equals(previous)) {
            return false;
        }
        // put keeps an origin's place in the order, so replacing its document does not hand the key to another origin.
        claimsByKey.computeIfAbsent(document.key(), k -> new LinkedHashMap<>())
                .put(origin, creationStamps.stamp(document, batch));
        claimsChanged(document.key());
        return true;
    }

    /** Forgets {@code origin}'s document of {@code key}; true if there was one. */
    private boolean removeClaim(String origin, ResourceKey key) {
        Map<ResourceKey, KubernetesDocument> owned = documentsByOrigin.get(origin);
        if (owned == null || owned.remove(key) == null) {
            return false;
        }
        if (owned.isEmpty()) {
            documentsByOrigin.remove(origin);
        }
        LinkedHashMap<String, KubernetesDocument> claims = claimsByKey.get(key);
        claims.remove(origin);
        if (claims.isEmpty()) {
            claimsByKey.remove(key);
            creationStamps.forget(key);
        }
        claimsChanged(key);
        return true;
    }

    /** Keeps {@link #winners} and {@link #contested} in step with the claims of {@code key}. */
    private void claimsChanged(ResourceKey key) {
        dirty = true;
        LinkedHashMap<String, KubernetesDocument> claims = claimsByKey.get(key);
        if (claims == null) {
            winners.remove(key);
            contested.remove(key);
            return;
        }
        winners.put(key, claims.values().iterator().next());
        if (claims.size() > 1) {
            contested.add(key);
        } else {
            contested.remove(key);
        }
    }

    private void scheduleLocked() {
        if (closed || pendingPublish != null || batchDepth > 0) {
            return;
        }
        long wait = Math.max(0, lastPublishNanos + debounceNanos - System.nanoTime());
        pendingPublish = controlThread.schedule(this::publish, wait, TimeUnit.NANOSECONDS);
    }

    private void publish() {
        List<ConfigProblem> problems = new ArrayList<>();
        boolean force;
        Snapshot snapshot;
        synchronized (lock) {
            pendingPublish = null;
            if (closed || batchDepth > 0) {
                return; // the batch reschedules when it ends
            }
            force = forcePublish;
            if (!dirty && !force) {
                return;
            }
            forcePublish = false;
            dirty = false;
            lastPublishNanos = System.nanoTime();
            for (ResourceKey key : contested) {
                Iterator<Map.Entry<String, KubernetesDocument>> byOrigin = claimsByKey.get(key).entrySet().iterator();
                Map.Entry<String, KubernetesDocument> winner = byOrigin.next();
                while (byOrigin.hasNext()) {
                    problems.add(duplicate(key, winner, byOrigin.next()));
                }
            }
            problemsByOrigin.values().forEach(problems::addAll);
            problems.sort(PROBLEM_ORDER);
            // the snapshot's own (linear) copy of the winners is the only one taken
            snapshot = new Snapshot(lastPublished == null ? 1 : lastPublished.version() + 1, winners, problems,
                    !syncedBySource.containsValue(false));
        }
        if (!force && lastPublished != null && lastPublished.synced() == snapshot.synced()
                && sameDocuments(lastPublished.documents(), snapshot.documents())
                && lastPublished.sourceProblems().equals(snapshot.sourceProblems())) {
            return;
        }
        lastPublished = snapshot;
        current = snapshot;
        log.debug("Publishing snapshot {} ({} documents, {} problems)", snapshot.version(), snapshot.documents().size(),
                snapshot.sourceProblems().size());
        try {
            listener.accept(snapshot);
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            // Errors too: the scheduled executor would swallow them silently and no configuration would ever apply.
            log.error("Snapshot listener failed on snapshot {}", snapshot.version(), e);
        }
    }

    /**
     * Equal maps, compared by instance first: an unchanged document is the same instance, so this is cheap. Values,
     * not entries: each document holds its key, and an unmodifiable map wraps every entry it iterates.
     */
    private static boolean sameDocuments(SortedMap<ResourceKey, KubernetesDocument> a,
            SortedMap<ResourceKey, KubernetesDocument> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<KubernetesDocument> x = a.values().iterator();
        for (KubernetesDocument y : b.values()) {
            KubernetesDocument e = x.next();
            if (e != y && !e.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static ConfigProblem duplicate(
            ResourceKey key, Map.Entry<String, KubernetesDocument> winner, Map.Entry<String, KubernetesDocument> loser) {
        SourceLocation where = loser.getValue().location();
        return new ConfigProblem(where, Optional.of(key), "",
                "defined in both " + winner.getKey() + " and " + loser.getKey()
                        + "; using the one from " + winner.getKey()
                        + " (expected: each resource defined in one place only)");
    }

    /** One source's view: its watch events go to the origin named after it, and its markSynced counts for it. */
    private final class SourceSink implements ResourceSink {

        private final String source;

        SourceSink(String source) {
            this.source = source;
        }

        @Override
        public void replaceOrigin(String origin, List<KubernetesDocument> documents) {
            ResourceStore.this.replaceOrigin(origin, documents);
        }

        @Override
        public void upsert(KubernetesDocument document) {
            ResourceStore.this.upsert(source, document);
        }

        @Override
        public void delete(ResourceKey key) {
            ResourceStore.this.delete(source, key);
        }

        @Override
        public void reportProblems(String origin, List<ConfigProblem> problems) {
            ResourceStore.this.reportProblems(origin, problems);
        }

        @Override
        public void markSynced() {
            ResourceStore.this.markSynced(source);
        }

        @Override
        public void batch(Runnable changes) {
            ResourceStore.this.batch(changes);
        }

        @Override
        public String toString() {
            return "ResourceSink[" + source + "]";
        }
    }
}
