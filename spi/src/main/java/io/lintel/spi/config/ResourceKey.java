package io.lintel.spi.config;

import static java.util.Objects.requireNonNull;


/**
 * Identifies a Kubernetes-shaped resource independently of its API version: group ({@code ""} for the core
 * group), kind, namespace ({@code ""} for cluster-scoped kinds) and name.
 */
public record ResourceKey(String group, String kind, String namespace, String name) implements Comparable<ResourceKey> {

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
        // by group, kind, namespace, then name; written out rather than a Comparator chain because every sorted map
        // of the store and the translator compares keys (10 000 routes: ~10^5 comparisons per start, most of them
        // before the JIT has compiled anything, where each lambda of a chain is another interpreted call)
        int order = group.compareTo(other.group);
        if (order == 0) {
            order = kind.compareTo(other.kind);
        }
        if (order == 0) {
            order = namespace.compareTo(other.namespace);
        }
        return order != 0 ? order : name.compareTo(other.name);
    }

    /** {@code Kind namespace/name} (or {@code Kind name} when cluster-scoped), the form used in messages. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? kind + " " + name : kind + " " + namespace + "/" + name;
    }
}
