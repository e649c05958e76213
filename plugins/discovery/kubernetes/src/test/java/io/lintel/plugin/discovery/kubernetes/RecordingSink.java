package io.lintel.plugin.discovery.kubernetes;

import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.ResourceSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A sink that keeps what it was given, for assertions. */
final class RecordingSink implements ResourceSink {

    final Map<ResourceKey, KubernetesDocument> documents = new ConcurrentHashMap<>();
    volatile boolean synced;

    @Override
    public void replaceOrigin(String origin, List<KubernetesDocument> docs) {
        throw new UnsupportedOperationException("the kubernetes source pushes single documents");
    }

    @Override
    public void upsert(KubernetesDocument document) {
        documents.put(document.key(), document);
    }

    @Override
    public void delete(ResourceKey key) {
        documents.remove(key);
    }

    @Override
    public void reportProblems(String origin, List<ConfigProblem> problems) {}

    @Override
    public void markSynced() {
        synced = true;
    }
}
