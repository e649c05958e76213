package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds, through API discovery, the version in which the server serves each watched kind. A kind the server does
 * not serve in any version Lintel understands (an experimental CRD not installed, or installed in a version Lintel
 * does not read) is reported as missing, not an error.
 */
final class KindResolver {

    private final KubernetesClient client;

    KindResolver(KubernetesClient client) {
        this.client = requireNonNull(client, "client");
    }

    /**
     * What resolving a kind gave.
     *
     * @param served the kind as served, when it is
     * @param missing why it is not, when it is not
     */
    record Resolution(Optional<ServedKind> served, Optional<String> missing) {

        Resolution {
            requireNonNull(served, "served");
            requireNonNull(missing, "missing");
        }
    }

    Resolution resolve(WatchedKind kind) {
        if (kind.builtIn()) {
            return new Resolution(Optional.of(new ServedKind(kind, kind.versions().get(0), kind.plural(), kind.namespaced())),
                    Optional.empty());
        }
        List<String> versions = kind.versions().isEmpty() ? preferredFirst(kind.group()) : kind.versions();
        for (String version : versions) {
            APIResourceList resources = client.getApiResources(kind.group() + "/" + version);
            if (resources == null || resources.getResources() == null) {
                continue;
            }
            for (APIResource resource : resources.getResources()) {
                if (kind.kind().equals(resource.getKind()) && resource.getName() != null && !resource.getName().contains("/")) {
                    boolean namespaced = resource.getNamespaced() == null ? kind.namespaced() : resource.getNamespaced();
                    return new Resolution(Optional.of(new ServedKind(kind, version, resource.getName(), namespaced)),
                            Optional.empty());
                }
            }
        }
        String tried = versions.isEmpty() ? "no version of " + kind.group() + " is served"
                : "not served in " + String.join(", ", versions.stream().map(v -> kind.group() + "/" + v).toList());
        return new Resolution(Optional.empty(), Optional.of(kind.groupKind() + ": " + tried + " (is its CRD installed?)"));
    }

    /** The group's versions with the server's preferred one first; empty when the group is not served at all. */
    private List<String> preferredFirst(String group) {
        APIGroup apiGroup = client.getApiGroup(group);
        List<String> versions = new ArrayList<>();
        if (apiGroup == null) {
            return versions;
        }
        if (apiGroup.getPreferredVersion() != null && apiGroup.getPreferredVersion().getVersion() != null) {
            versions.add(apiGroup.getPreferredVersion().getVersion());
        }
        if (apiGroup.getVersions() != null) {
            apiGroup.getVersions().stream().map(v -> v.getVersion()).filter(v -> v != null && !versions.contains(v))
                    .forEach(versions::add);
        }
        return versions;
    }
}
