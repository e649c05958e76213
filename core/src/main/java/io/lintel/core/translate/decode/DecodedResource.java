package io.lintel.core.translate.decode;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.lintel.spi.config.KubernetesDocument;

/** A document with its typed fabric8 form; {@code object}'s class depends on the kind, never on the version. */
public record DecodedResource<T extends HasMetadata>(KubernetesDocument document, T object) {

    public DecodedResource {
        requireNonNull(document, "document");
        requireNonNull(object, "object");
    }

    /** {@code metadata.generation}, or 0 when absent. */
    public long generation() {
        Long g = object.getMetadata() == null ? null : object.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }
}
