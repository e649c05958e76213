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

    /**
     * The value the record would compute ({@code 31 * h + field} over the fields in order, from 0), so hash maps keep
     * their order, written out: the record's own goes through method handles, several interpreted calls a field
     * while a large first configuration is read (every map of the store and the translator hashes keys). Final, as
     * the record's own are (the SPI's signature).
     */
    @Override
    public final int hashCode() {
        return ((group.hashCode() * 31 + kind.hashCode()) * 31 + namespace.hashCode()) * 31 + name.hashCode();
    }

    @Override
    public final boolean equals(Object other) {
        return this == other || other instanceof ResourceKey key && name.equals(key.name)
                && namespace.equals(key.namespace) && kind.equals(key.kind) && group.equals(key.group);
    }

    /** {@code Kind namespace/name} (or {@code Kind name} when cluster-scoped), the form used in messages. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? kind + " " + name : kind + " " + namespace + "/" + name;
    }
}
