package io.lintel.core.cli;

import io.lintel.core.store.Snapshot;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.ResourceSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A sink that only records what a source pushes once, for commands that read the configuration and exit. */
final class CollectingSink implements ResourceSink {

    private final Map<String, List<KubernetesDocument>> byOrigin = new LinkedHashMap<>();
    private final Map<ResourceKey, KubernetesDocument> upserted = new TreeMap<>();
    private final Map<String, List<ConfigProblem>> problems = new LinkedHashMap<>();
    private final CountDownLatch synced = new CountDownLatch(1);

    @Override
    public synchronized void replaceOrigin(String origin, List<KubernetesDocument> documents) {
        byOrigin.put(origin, List.copyOf(documents));
        problems.remove(origin);
    }

    @Override
    public synchronized void upsert(KubernetesDocument document) {
        upserted.put(document.key(), document);
    }

    @Override
    public synchronized void delete(ResourceKey key) {
        upserted.remove(key);
    }

    @Override
    public synchronized void reportProblems(String origin, List<ConfigProblem> reported) {
        problems.put(origin, List.copyOf(reported));
    }

    @Override
    public void markSynced() {
        synced.countDown();
    }

    boolean awaitSynced(long seconds) throws InterruptedException {
        return synced.await(seconds, TimeUnit.SECONDS);
    }

    synchronized Snapshot snapshot() {
        TreeMap<ResourceKey, KubernetesDocument> documents = new TreeMap<>(upserted);
        byOrigin.values().forEach(list -> list.forEach(d -> documents.putIfAbsent(d.key(), d)));
        List<ConfigProblem> all = new ArrayList<>();
        problems.values().forEach(all::addAll);
        return new Snapshot(1, documents, all);
    }
}
