package io.lintel.spi.config;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * Identifies a Kubernetes-shaped resource independently of its API version: group ({@code ""} for the core
 * group), kind, namespace ({@code ""} for cluster-scoped kinds) and name.
 */
public record ResourceKey(String group, String kind, String namespace, String name) implements Comparable<ResourceKey> {

    private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::group)
            .thenComparing(ResourceKey::kind)
            .thenComparing(ResourceKey::namespace)
            .thenComparing(ResourceKey::name);

    public ResourceKey {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
    }

    /** The group part of an {@code apiVersion}: {@code "gateway.networking.k8s.io/v1"} → {@code "gateway.networking.k8s.io"}, {@code "v1"} → {@code ""}. */
    public static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    @Override
    public int compareTo(ResourceKey other) {
        return ORDER.compare(this, other);
    }

    /** {@code Kind namespace/name} (or {@code Kind name} when cluster-scoped), the form used in messages. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? kind + " " + name : kind + " " + namespace + "/" + name;
    }
}
