package io.lintel.core.store;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable, sorted view of every resource the store holds at one moment, with the problems sources reported.
 * The translator's only input besides settings.
 *
 * @param version rises with every snapshot the store publishes
 * @param documents every document, by key
 * @param sourceProblems problems reported by sources (files that do not parse...)
 * @param synced whether every source had pushed its initial state when the snapshot was taken (a snapshot taken
 *     before is partial: serving it would serve part of the configuration)
 */
public record Snapshot(long version, SortedMap<ResourceKey, KubernetesDocument> documents, List<ConfigProblem> sourceProblems,
        boolean synced) {

    public Snapshot {
        documents = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(documents, "documents")));
        sourceProblems = List.copyOf(requireNonNull(sourceProblems, "sourceProblems"));
    }

    /** A complete snapshot ({@code synced}). */
    public Snapshot(long version, SortedMap<ResourceKey, KubernetesDocument> documents, List<ConfigProblem> sourceProblems) {
        this(version, documents, sourceProblems, true);
    }

    public static Snapshot of(List<KubernetesDocument> documents) {
        TreeMap<ResourceKey, KubernetesDocument> byKey = new TreeMap<>();
        documents.forEach(d -> byKey.put(d.key(), d));
        return new Snapshot(0, byKey, List.of());
    }
}
