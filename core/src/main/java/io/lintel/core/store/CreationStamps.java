package io.lintel.core.store;

import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives Gateway API documents without {@code metadata.creationTimestamp} the time the store first saw their key, as
 * an API server stamps an object when it is created. The Gateway API's "oldest wins" rules (conflicting routes,
 * listeners, Gateways) then follow the order in which resources appeared in a file or KV source instead of their
 * names. Documents first seen in one call share a time; each call's time is later than the previous one's (in
 * milliseconds), so resources added later always count as newer. A key that disappears and comes back is new again.
 *
 * <p>Not thread-safe: the store calls it under its lock.
 */
final class CreationStamps {

    private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    private final Clock clock;
    private final Map<ResourceKey, String> firstSeen = new HashMap<>();
    private Instant last = Instant.EPOCH;

    CreationStamps(Clock clock) {
        this.clock = clock;
    }

    /** The time of a new call: later than every earlier call's. */
    String nextBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        last = now.isAfter(last) ? now : last.plusMillis(1);
        return last.toString();
    }

    /** {@code document}, or a copy with the creation time of its key when it is a Gateway API document without one. */
    KubernetesDocument stamp(KubernetesDocument document, String batch) {
        String created = firstSeen.computeIfAbsent(document.key(), k -> batch);
        if (!GATEWAY_GROUP.equals(document.key().group())
                || !(document.content().get("metadata") instanceof Map<?, ?> metadata)
                || metadata.get("creationTimestamp") != null) {
            return document;
        }
        Map<Object, Object> stampedMetadata = new LinkedHashMap<>(metadata);
        stampedMetadata.put("creationTimestamp", created);
        Map<String, Object> content = new LinkedHashMap<>(document.content());
        content.put("metadata", stampedMetadata);
        return new KubernetesDocument(document.key(), document.apiVersion(), content, document.location());
    }

    /** Forgets a key no origin holds any more. */
    void forget(ResourceKey key) {
        firstSeen.remove(key);
    }
}
