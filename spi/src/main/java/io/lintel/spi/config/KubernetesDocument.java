package io.lintel.spi.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One Kubernetes-shaped object as a source read it: {@code apiVersion}, {@code kind}, {@code metadata},
 * {@code spec}... as a tree of {@link Map}, {@link java.util.List}, {@link String}, {@link Number}, {@link Boolean}
 * and null — the shape a YAML or JSON parser produces. Core turns it into typed objects and validates it.
 *
 * <p>Ownership passes to the sink: a source must not change {@code content} after handing it over.
 *
 * @param key the identity, derived by the source from {@code kind}, {@code apiVersion}'s group and {@code metadata}
 * @param apiVersion the document's {@code apiVersion} as written
 * @param content the whole document
 * @param location where it was read from, for error messages
 */
public record KubernetesDocument(ResourceKey key, String apiVersion, Map<String, Object> content, SourceLocation location) {

    public KubernetesDocument {
        requireNonNull(key, "key");
        requireNonNull(apiVersion, "apiVersion");
        requireNonNull(content, "content");
        requireNonNull(location, "location");
    }
}
