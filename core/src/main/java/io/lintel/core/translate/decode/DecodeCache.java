package io.lintel.core.translate.decode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * What validating and decoding each document gave, kept from one translation to the next and looked up by the
 * document's identity: the store hands the same {@link KubernetesDocument} instance on for as long as a resource is
 * unchanged, so an unchanged document is validated and decoded once, however many snapshots it appears in.
 *
 * <p>Only the documents of the latest {@link #retainOnly generation} are kept, so the cache never outgrows the
 * configuration. Not thread-safe: one translation at a time.
 */
public final class DecodeCache {

    /** The outcome for one document: the typed object, or the problems that kept it out (never both empty). */
    public record Outcome(Optional<DecodedResource<HasMetadata>> decoded, List<ConfigProblem> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }
    }

    private record Entry(KubernetesDocument document, Outcome outcome) {}

    private Map<ResourceKey, Entry> entries = new HashMap<>();
    private Map<ResourceKey, Entry> next = new HashMap<>();

    /** Below this many new documents, decoding them on one thread is as fast as sharing them out. */
    private static final int PARALLEL_THRESHOLD = 256;

    /**
     * Computes the outcomes of the documents not cached yet, on every core when there are many (a first
     * configuration of thousands of resources), so that {@link #get} then finds them. {@code compute} must be
     * thread-safe.
     */
    public void prefetch(List<KubernetesDocument> documents, Function<KubernetesDocument, Outcome> compute) {
        List<KubernetesDocument> missing = new ArrayList<>();
        for (KubernetesDocument document : documents) {
            Entry entry = entries.get(document.key());
            if (entry == null || entry.document() != document) {
                missing.add(document);
            }
        }
        if (missing.size() < PARALLEL_THRESHOLD) {
            return;
        }
        Outcome[] outcomes = new Outcome[missing.size()];
        IntStream.range(0, outcomes.length).parallel()
                .forEach(i -> outcomes[i] = compute.apply(missing.get(i)));
        for (int i = 0; i < outcomes.length; i++) {
            entries.put(missing.get(i).key(), new Entry(missing.get(i), outcomes[i]));
        }
    }

    /** The cached outcome for this very document instance, or a fresh one from {@code compute}. */
    public Outcome get(KubernetesDocument document, Function<KubernetesDocument, Outcome> compute) {
        Entry entry = entryFor(document, compute);
        next.put(document.key(), entry);
        return entry.outcome();
    }

    /**
     * As {@link #get}, outside generations: for a translation that looks at changed documents only, the others
     * staying as they are.
     */
    public Outcome refresh(KubernetesDocument document, Function<KubernetesDocument, Outcome> compute) {
        Entry entry = entryFor(document, compute);
        entries.put(document.key(), entry);
        return entry.outcome();
    }

    private Entry entryFor(KubernetesDocument document, Function<KubernetesDocument, Outcome> compute) {
        Entry entry = entries.get(document.key());
        return entry != null && entry.document() == document ? entry : new Entry(document, compute.apply(document));
    }

    /** Forgets a document that is gone (outside generations, see {@link #refresh}). */
    public void forget(ResourceKey key) {
        entries.remove(key);
    }

    /** Ends a generation: only the documents asked for since the previous call are kept. */
    public void retainOnly() {
        entries = next;
        next = new HashMap<>(entries.size() * 4 / 3 + 16);
    }

    /** Decodes with {@code decoder} after validation, collecting problems. */
    public static Outcome outcome(List<ConfigProblem> violations, DocumentDecoder decoder, KubernetesDocument document) {
        if (!violations.isEmpty()) {
            return new Outcome(Optional.empty(), violations);
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<DecodedResource<HasMetadata>> decoded = decoder.decode(document, problems::add);
        return new Outcome(decoded, problems);
    }
}
