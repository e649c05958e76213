package io.lintel.spi.config;

import java.util.List;

/**
 * Where a {@link ConfigSource} pushes what it reads. Core's resource store implements it.
 *
 * <p>Thread-safe: a source may call it from any of its own threads. Calls are cheap and never block on the data
 * plane; the store coalesces bursts before it recomputes the configuration. Documents equal to what the store
 * already holds are ignored.
 */
public interface ResourceSink {

    /**
     * Replaces every document previously pushed under {@code origin} (a file, a Consul key) with {@code documents}:
     * those not in the new list are deleted. Also clears the origin's problems.
     */
    void replaceOrigin(String origin, List<KubernetesDocument> documents);

    /** Adds or replaces one document (a watch event). */
    void upsert(KubernetesDocument document);

    /** Deletes one document (a watch event); unknown keys are ignored. */
    void delete(ResourceKey key);

    /**
     * Reports problems found while reading {@code origin} (replacing those reported for it before). The origin's
     * documents stay as last pushed, so the last good content keeps serving.
     */
    void reportProblems(String origin, List<ConfigProblem> problems);

    /** Says the source has pushed its initial state; the gateway is ready once every source has. */
    void markSynced();

    /**
     * Runs {@code changes} (calls to this sink) as one change: no configuration is computed from part of them. For
     * a source that learns of many changes at once (a directory rewritten file by file, a burst of watch events), so
     * that the gateway never serves half of them. Batches may nest; the default runs {@code changes} as they come.
     */
    default void batch(Runnable changes) {
        changes.run();
    }
}
