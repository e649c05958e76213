package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A kind of object a plugin reads, as Kubernetes names it: API group, kind, and the versions the plugin understands.
 *
 * <p>Core reads documents of the kind in any of these versions from every config source (the Kubernetes source
 * watches the kind in the first of them the API server serves) and refuses a document of another version with a
 * problem naming the versions listed here. Two loaded plugins may not register the same group and kind, and a plugin
 * may not register a kind core reads itself (Gateway, HTTPRoute, Service, ...).
 *
 * <p>It is how config sources learn every kind a plugin reads, whatever its family (route, policy, backend TLS
 * policy): {@link io.lintel.spi.PluginContext#resourceKinds()} lists them all as values of this type. Every such kind
 * is namespaced.
 *
 * @param group the API group, e.g. {@code gateway.networking.k8s.io}; empty for the core group
 * @param kind the kind, e.g. {@code TLSRoute}
 * @param versions the versions read, most preferred first, e.g. {@code [v1, v1alpha3, v1alpha2]}; never empty
 */
public record ResourceKind(String group, String kind, List<String> versions) {

    public ResourceKind {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
        versions = List.copyOf(requireNonNull(versions, "versions"));
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("kind: must not be empty");
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("versions of " + kind + ": expected at least one");
        }
    }

    /** The kind in {@code group} read in {@code versions}, most preferred first. */
    public static ResourceKind of(String group, String kind, String... versions) {
        return new ResourceKind(group, kind, List.of(versions));
    }

    /** The {@code apiVersion} of a document of this kind at {@code version}: {@code group/version}, or the version alone. */
    public String apiVersion(String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** True when a document with this {@code apiVersion} is read (its group is this kind's and its version listed). */
    public boolean reads(String apiVersion) {
        for (String version : versions) {
            if (apiVersion(version).equals(apiVersion)) {
                return true;
            }
        }
        return false;
    }

    /** {@code group/Kind}, or {@code Kind} for the core group. */
    @Override
    public String toString() {
        return group.isEmpty() ? kind : group + "/" + kind;
    }
}
