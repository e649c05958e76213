package io.lintel.core.translate.policy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.policy.PolicyKind;
import java.time.Instant;
import java.util.List;

/**
 * A policy object of a kind a plugin declared, whose shape and {@code targetRefs} were checked.
 *
 * @param created {@code metadata.creationTimestamp} ({@link Instant#MAX} when absent: such objects count as newest)
 */
public record PolicyObject(KubernetesDocument document, PolicyKind kind, List<TargetRef> targetRefs, long generation,
        Instant created) {

    public PolicyObject {
        requireNonNull(document, "document");
        requireNonNull(kind, "kind");
        targetRefs = List.copyOf(requireNonNull(targetRefs, "targetRefs"));
        requireNonNull(created, "created");
    }

    public ResourceKey key() {
        return document.key();
    }

    /** The policy's namespace; without one it is in {@code default}, as kubectl would put it. */
    public String namespace() {
        return document.key().namespace().isEmpty() ? "default" : document.key().namespace();
    }

    public String name() {
        return document.key().name();
    }

    /** E.g. {@code RateLimitPolicy shop/api-limits}, for messages. */
    public String describe() {
        return kind.kind() + " " + namespace() + "/" + name();
    }
}
